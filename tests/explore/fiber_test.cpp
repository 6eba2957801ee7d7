// Fibers: control moves exactly where the scheduler says, exceptions are
// carried out, and a fiber destroyed mid-body runs its destructors.
#include <chancheck/explore/fiber.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace chancheck::explore_detail {
namespace {

TEST(Fiber, RunsUntilSuspendThenContinuesWhereItStopped) {
    std::vector<int> log;
    fiber f([&] {
        log.push_back(1);
        fiber::current()->suspend();
        log.push_back(2);
    });
    EXPECT_EQ(fiber::current(), nullptr);
    f.resume();
    EXPECT_EQ(log, (std::vector<int>{1}));
    EXPECT_FALSE(f.finished());
    f.resume();
    EXPECT_EQ(log, (std::vector<int>{1, 2}));
    EXPECT_TRUE(f.finished());
}

TEST(Fiber, InterleavesTwoFibersAsTheSchedulerChooses) {
    std::string trace;
    fiber a([&] {
        trace += 'a';
        fiber::current()->suspend();
        trace += 'A';
    });
    fiber b([&] {
        trace += 'b';
        fiber::current()->suspend();
        trace += 'B';
    });
    b.resume();
    a.resume();
    a.resume();
    b.resume();
    EXPECT_EQ(trace, "baAB");
}

TEST(Fiber, AnExceptionEscapingTheBodyIsKeptForTheScheduler) {
    fiber f([] { throw std::runtime_error("boom"); });
    f.resume();
    EXPECT_TRUE(f.finished());
    auto e = f.take_exception();
    ASSERT_TRUE(e);
    EXPECT_THROW(std::rethrow_exception(e), std::runtime_error);
}

TEST(Fiber, DestroyingASuspendedFiberRunsItsDestructors) {
    auto alive = std::make_shared<int>(0);
    {
        fiber f([keep = alive] {
            auto local = keep;
            fiber::current()->suspend();
            FAIL() << "a destroyed fiber must not run on";
        });
        f.resume();
        EXPECT_EQ(alive.use_count(), 3);
    }
    EXPECT_EQ(alive.use_count(), 1);
}

TEST(Fiber, AFiberNeverStartedCanBeDestroyed) {
    auto alive = std::make_shared<int>(0);
    { fiber f([keep = alive] {}); }
    EXPECT_EQ(alive.use_count(), 1);
}

TEST(Fiber, ManyFibersReuseStacks) {
    for (int round = 0; round < 1000; ++round) {
        std::vector<std::unique_ptr<fiber>> fs;
        int ran = 0;
        for (int i = 0; i < 8; ++i) fs.push_back(std::make_unique<fiber>([&] { ++ran; }));
        for (auto& f : fs) f->resume();
        ASSERT_EQ(ran, 8);
    }
}

}  // namespace
}  // namespace chancheck::explore_detail
