// What a step-limit counterexample says about the loop it suspects: a
// repetition only where the steps really repeat (the same operations on the
// same objects, not just the same goroutine) for a good part of the
// execution, and the loop's period as what its steps do.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace chancheck {
namespace {

using S = explore;

std::string step_limit_message(const std::function<void()>& program, std::size_t max_steps) {
    explore_options o;
    o.max_steps = max_steps;
    const check_result r = run_explorer(program, o);
    if (!r.cx || r.cx->kind != "step-limit") {
        ADD_FAILURE() << "no step-limit counterexample";
        return "";
    }
    return r.cx->message;
}

// main sends once on each of `n` buffered channels: every step is main's,
// none does what another did.
void sends_on_distinct_channels(int n) {
    std::vector<chan<int, S>> channels;
    for (int i = 0; i < n; ++i) channels.push_back(make_chan<int, S>(1, "c" + std::to_string(i)));
    for (auto& c : channels) c.send(1);
}

TEST(StepLimit, OneGoroutineDoingDifferentThingsIsNoLoop) {
    const std::string message = step_limit_message([] { sends_on_distinct_channels(40); }, 30);
    EXPECT_NE(message.find("ran past 30 steps"), std::string::npos) << message;
    EXPECT_EQ(message.find("repeats"), std::string::npos) << message;
}

TEST(StepLimit, AFewAlikeStepsAtTheEndAreNoLoop) {
    // 30 steps of progress, then lock/unlock four times: eight steps alike.
    const std::string message = step_limit_message(
        [] {
            sends_on_distinct_channels(30);
            mutex<S> mu;
            for (int i = 0; i < 10; ++i) {
                mu.lock();
                mu.unlock();
            }
        },
        38);
    EXPECT_EQ(message.find("repeats"), std::string::npos) << message;
}

TEST(StepLimit, ALoopOfOneGoroutineHasThePeriodOfWhatItDoes) {
    const std::string message = step_limit_message(
        [] {
            mutex<S> mu;
            for (;;) {
                mu.lock();
                mu.unlock();
            }
        },
        60);
    EXPECT_NE(message.find("over its last 60 steps it repeats every 2 steps: [main lock Mutex] [main unlock Mutex]"),
              std::string::npos)
        << message;
}

TEST(StepLimit, ALoopAfterSomeProgressIsStillALoop) {
    const std::string message = step_limit_message(
        [] {
            sends_on_distinct_channels(10);
            auto ping = make_chan<int, S>(0, "ping"), pong = make_chan<int, S>(0, "pong");
            go<S>("ponger", [ping, pong] {
                for (;;) pong.send(ping.recv().value);
            });
            for (;;) {
                ping.send(1);
                pong.recv();
            }
        },
        100);
    EXPECT_NE(message.find("over its last 89 steps it repeats every 2 steps: [ponger send pong] [main receive pong] "
                           "[main send ping] [ponger receive ping]"),
              std::string::npos)
        << message;
}

}  // namespace
}  // namespace chancheck
