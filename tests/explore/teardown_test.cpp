// An execution the search abandons, or one that ended with goroutines still
// waiting, is torn down by unwinding every goroutine from where it waits.
// A goroutine may wait inside a destructor: a guard releasing a lock, where
// an exception may not pass. The search must still go on.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include <gtest/gtest.h>

#include <mutex>
#include <shared_mutex>

namespace chancheck {
namespace {

using S = explore;

TEST(Teardown, AGoroutineWaitingToUnlockInAGuardsDestructor) {
    for (bool reduction : {true, false}) {
        explore_options o;
        o.strategy.reduction = reduction;
        check_result r = run_explorer(
            [] {
                auto rw = std::make_shared<rw_mutex<S>>();
                auto done = make_chan<int, S>(2, "done");
                for (int i = 0; i < 2; ++i)
                    go<S>("reader", [rw, done] {
                        {
                            std::shared_lock guard(*rw);
                        }
                        done.send(0);
                    });
                { std::lock_guard guard(*rw); }
                done.recv();
                done.recv();
            },
            o);
        EXPECT_EQ(r.outcome, verdict::proved) << "reduction " << reduction;
    }
}

// Nested guards: the goroutine waits in one destructor, then in the next.
TEST(Teardown, NestedGuardsReleasingOneAfterTheOther) {
    check_result r = run_explorer(
        [] {
            auto a = std::make_shared<mutex<S>>();
            auto b = std::make_shared<mutex<S>>();
            auto done = make_chan<int, S>(1, "done");
            go<S>("other", [a, b, done] {
                {
                    std::lock_guard ga(*a);
                    std::lock_guard gb(*b);
                }
                done.send(0);
            });
            {
                std::lock_guard ga(*a);
                std::lock_guard gb(*b);
            }
            done.recv();
        },
        {});
    EXPECT_EQ(r.outcome, verdict::proved);
}

// A failure ends the execution while another goroutine waits in a guard's
// destructor: the counterexample is reported, and the search is not taken
// down with it.
TEST(Teardown, AFailureWhileAnotherWaitsInADestructor) {
    check_result r = run_explorer(
        [] {
            auto m = std::make_shared<mutex<S>>();
            auto c = make_chan<int, S>(0, "c");
            go<S>("guarded", [m] { std::lock_guard g(*m); });
            c.close();
            c.close();
        },
        {});
    ASSERT_TRUE(r.cx);
    EXPECT_EQ(r.cx->kind, "panic");
}

}  // namespace
}  // namespace chancheck
