// Programs the reduced search once got wrong: each must get the verdict the
// unreduced search (and Go) gives, under every exhaustive search: the
// default, --no-reduction, --jobs 2 and --symmetry.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>

namespace chancheck {
namespace {

using S = explore;
using namespace std::chrono_literals;

struct search_mode {
    std::string name;
    bool reduction = true;
    unsigned jobs = 1;
    bool symmetry = false;
};

const search_mode modes[] = {{"default"}, {"no-reduction", false}, {"jobs-2", true, 2}, {"symmetry", true, 1, true}};

check_result check_in(const search_mode& m, const std::function<void()>& program) {
    explore_options o;
    o.strategy.reduction = m.reduction;
    o.strategy.symmetry = m.symmetry;
    o.jobs = m.jobs;
    return run_explorer(program, o);
}

// Every search finds a counterexample of this kind.
void expect_everywhere(const std::string& kind, const std::function<void()>& program) {
    for (const auto& m : modes) {
        check_result r = check_in(m, program);
        ASSERT_TRUE(r.cx) << m.name;
        EXPECT_EQ(r.cx->kind, kind) << m.name;
    }
}

// `select { case <-stop: default: ch <- 1 }` against close(stop): taking
// the default before the close blocks the goroutine on ch for ever.
TEST(Soundness, SelectDefaultAgainstClose) {
    auto program = [] {
        auto stop = make_chan<int, S>(0, "stop");
        auto ch = make_chan<int, S>(0, "ch");
        auto wg = std::make_shared<wait_group<S>>();
        wg->add(1);
        go<S>("g", [=] {
            select(on_recv(stop), on_default([&] { ch.send(1); }));
            wg->done();
        });
        stop.close();
        wg->wait();
    };
    expect_everywhere("deadlock", program);
}

// A select that took default observed that no case was ready: it is
// ordered against every operation that could have made one ready.
TEST(Soundness, SelectDefaultSeesBothOrdersOfASend) {
    for (int expected : {0, 1})
        for (bool use_close : {false, true})
        for (std::size_t cap : {0u, 1u}) {
            auto program = [=] {
                auto ch = make_chan<int, S>(cap, "ch");
                go<S>("sender", [=] {
                    if (use_close) ch.close();
                    else ch.send(1);
                });
                int got = 0;
                select(on_recv(ch, [&](int v, bool ok) { got = ok ? v : 1; }), on_default([&] { got = 0; }));
                expect<S>(got != expected, "outcome", "saw " + std::to_string(got));
            };
            for (const auto& m : modes) {
                check_result r = check_in(m, program);
                ASSERT_TRUE(r.cx) << m.name << " close=" << use_close << " cap=" << cap << " expected " << expected;
                EXPECT_EQ(r.cx->kind, "assertion") << m.name;
            }
        }
}

// Go's RWMutex blocks new readers once a writer waits: a recursive RLock
// with a Lock between the two is a deadlock.
TEST(Soundness, RecursiveRLockAgainstAWaitingWriter) {
    auto program = [] {
        auto rw = std::make_shared<rw_mutex<S>>();
        auto wg = std::make_shared<wait_group<S>>();
        wg->add(2);
        go<S>("reader", [=] {
            rw->rlock();
            rw->rlock();
            rw->runlock();
            rw->runlock();
            wg->done();
        });
        go<S>("writer", [=] {
            rw->lock();
            rw->unlock();
            wg->done();
        });
        wg->wait();
    };
    expect_everywhere("deadlock", program);
}

// A Done before the Add it needs takes the counter below zero: Go panics.
// Dones and Adds do not commute where the counter cannot cover them.
TEST(Soundness, ADoneBeforeItsAddPanics) {
    auto program = [] {
        auto wg = std::make_shared<wait_group<S>>();
        go<S>("g", [=] { wg->done(); });
        wg->add(1);
    };
    expect_everywhere("panic", program);
}

// When main returns the other goroutines go on, as under go test: a chain
// x -> G2 -> y -> G3 always completes, so nothing leaks.
TEST(Soundness, GoroutinesThatFinishAfterMainReturnsDoNotLeak) {
    auto program = [] {
        auto x = make_chan<int, S>(0, "x");
        auto y = make_chan<int, S>(0, "y");
        go<S>("G1", [=] { x.send(1); });
        go<S>("G2", [=] {
            x.recv();
            y.send(1);
        });
        go<S>("G3", [=] { y.recv(); });
    };
    for (const auto& m : modes) {
        check_result r = check_in(m, program);
        EXPECT_EQ(r.outcome, verdict::proved) << m.name << ": " << (r.cx ? r.cx->message : "");
    }
}

// A goroutine stranded after main returned is still a leak, with the
// execution that strands it.
TEST(Soundness, AGoroutineStrandedAfterMainReturnsLeaks) {
    auto program = [] {
        auto x = make_chan<int, S>(0, "x");
        go<S>("G1", [=] { x.send(1); });
        go<S>("G2", [=] { x.send(2); });
        go<S>("G3", [=] { x.recv(); });
    };
    expect_everywhere("leak", program);
}

}  // namespace
}  // namespace chancheck
