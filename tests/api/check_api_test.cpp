// Checking a program from a test: chancheck::check and run_threads on one
// callable, the GoogleTest assertions and what they print, and bad input.
#include <chancheck/chancheck.hpp>
#include <chancheck/check.hpp>
#include <chancheck/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <mutex>
#include <stdexcept>

namespace {

// Requesters share one request and one response channel with one
// coordinator: correct only while the response channel is unbuffered.
template <chancheck::Sync S>
void shared_responses(int requesters, std::size_t response_capacity) {
    auto requests = chancheck::make_chan<int, S>(0, "requests");
    auto responses = chancheck::make_chan<int, S>(response_capacity, "responses");
    chancheck::go<S>("coordinator", [=] {
        for (int id : requests) responses.send(id);
    }, {.daemon = true});
    chancheck::wait_group<S> wg;
    wg.add(requesters);
    for (int id = 0; id < requesters; ++id)
        chancheck::go<S>("requester " + std::to_string(id), [=, &wg] {
            requests.send(id);
            int got = responses.recv().value;
            chancheck::expect<S>(got == id, "routing", "requester " + std::to_string(id) + " got " + std::to_string(got));
            wg.done();
        });
    wg.wait();
}

const auto correct = []<chancheck::Sync S>() { shared_responses<S>(3, 0); };
const auto buffered = []<chancheck::Sync S>() { shared_responses<S>(2, 1); };

TEST(CheckApi, TheSameCallableIsProvedByTheExplorerAndRunsOnThreads) {
    chancheck::check_result proof = chancheck::check(correct);
    EXPECT_PROVED(proof);
    EXPECT_EQ(proof.stats.executions, 6u);  // 3! orders of the requests
    chancheck::check_result run = chancheck::run_threads(correct, {.iterations = 20});
    EXPECT_EQ(run.outcome, chancheck::verdict::bounded) << "real threads never prove";
    EXPECT_FALSE(run.cx.has_value());
}

TEST(CheckApi, AGenericLambdaTakingTheBackendAsATagWorksToo) {
    EXPECT_PROVED(chancheck::check([](auto backend) { shared_responses<decltype(backend)>(2, 0); }));
}

TEST(CheckApi, OptionsReachTheSearch) {
    chancheck::check_options o;
    o.name = "shared responses";
    o.max_executions = 2;
    chancheck::check_result r = chancheck::check(correct, o);
    EXPECT_EQ(r.model, "shared responses");
    EXPECT_EQ(r.outcome, chancheck::verdict::bounded);
}

TEST(CheckApi, CounterexampleAssertionPassesOnTheRightKind) {
    EXPECT_COUNTEREXAMPLE(chancheck::check(buffered), "assertion");
}

TEST(CheckApi, AFailedAssertionPrintsTheTraceAndTheReplayCommand) {
    const chancheck::check_result r = chancheck::check(buffered);
    EXPECT_NONFATAL_FAILURE(EXPECT_PROVED(r), "requester 1: receive responses");
    EXPECT_NONFATAL_FAILURE(EXPECT_PROVED(r), "replay: chancheck replay model");
    EXPECT_NONFATAL_FAILURE(EXPECT_COUNTEREXAMPLE(r, "deadlock"), "should be a deadlock counterexample, but is a "
                                                                   "assertion counterexample");
    EXPECT_NONFATAL_FAILURE(EXPECT_COUNTEREXAMPLE(chancheck::check(correct), "deadlock"), "but is proved");
}

TEST(CheckApiBadInput, AMainThatThrowsIsACounterexampleNamingTheException) {
    chancheck::check_result r = chancheck::check([]<chancheck::Sync S>() { throw std::runtime_error("bad config"); });
    ASSERT_COUNTEREXAMPLE(r, "assertion");
    EXPECT_NE(r.cx->message.find("bad config"), std::string::npos) << r.cx->message;
}

TEST(CheckApiBadInput, AMainThatStartsNoGoroutineIsWarnedAbout) {
    chancheck::check_result r = chancheck::check([]<chancheck::Sync S>() {
        auto c = chancheck::make_chan<int, S>(1);
        c.send(1);
    });
    EXPECT_PROVED(r);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("started no goroutine"), std::string::npos);
    EXPECT_TRUE(chancheck::check(correct).warnings.empty());
}

TEST(CheckApiBadInput, AMainThatReturnsWhileGoroutinesAreBlockedIsALeak) {
    EXPECT_COUNTEREXAMPLE(chancheck::check([]<chancheck::Sync S>() {
                              auto c = chancheck::make_chan<int, S>(0, "unread");
                              chancheck::go<S>("sender", [c] { c.send(1); });
                          }),
                          "leak");
}

TEST(CheckApiBadInputDeathTest, AGoroutineBlockedOnAStdMutexEndsTheCheckSayingSo) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    chancheck::check_options o;
    o.watchdog_seconds = 0.5;
    EXPECT_EXIT(chancheck::check(
                    []<chancheck::Sync S>() {
                        static std::mutex m;  // not the backend's: the explorer cannot see it
                        auto c = chancheck::make_chan<int, S>(0, "c");
                        chancheck::go<S>("holder", [c] {
                            std::lock_guard hold(m);
                            c.send(1);  // switches to main while holding m
                        });
                        std::lock_guard wait(m);  // blocks the explorer's only thread
                        c.recv();
                    },
                    o),
                testing::ExitedWithCode(4), "not under the explorer's control");
}

}  // namespace
