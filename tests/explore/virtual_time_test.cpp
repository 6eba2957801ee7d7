// Timers and sleeps under the two time modes (explore_options::time): with
// `any` a timer may fire at any step, with `synctest` time is virtual and
// moves only when every goroutine is blocked, to the earliest deadline. Each
// program's set of outcomes is collected under the default search, without
// reduction and split over two threads: the three must agree.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <string>

namespace chancheck {
namespace {

using S = explore;
using explore_detail::execution_result;
using explore_detail::time_mode;
using namespace std::chrono_literals;

// What the execution running on this thread printed.
thread_local std::string printed;
void print(const std::string& s) { printed += (printed.empty() ? "" : " ") + s; }

std::set<std::string> outcomes(const std::function<void()>& program, time_mode time, bool reduction = true,
                               unsigned jobs = 1) {
    std::set<std::string> seen;
    std::mutex m;
    explore_options o;
    o.time = time;
    o.strategy.reduction = reduction;
    o.jobs = jobs;
    o.on_execution = [&](const execution_result& er) {
        std::lock_guard g(m);
        seen.insert(std::string(explore_detail::failure_name(er.failure)) + ": " + printed);
    };
    run_explorer(
        [&] {
            printed.clear();
            program();
        },
        o);
    return seen;
}

// The outcomes under `time`, the same in every search.
std::set<std::string> agreed(const std::function<void()>& program, time_mode time) {
    const std::set<std::string> reduced = outcomes(program, time);
    EXPECT_EQ(outcomes(program, time, false), reduced) << "without reduction";
    EXPECT_EQ(outcomes(program, time, true, 2), reduced) << "split over two threads";
    return reduced;
}

// select { case v := <-ready: ...; case <-time.After(time.Hour): ... }
void hour_timer_against_a_ready_channel() {
    auto ready = make_chan<int, S>(1, "ready");
    ready.send(7);
    select({on_recv(ready, [](int v) { print("got " + std::to_string(v)); }),
            on_recv(after<S>(1h), [] { print("timeout"); })});
}

TEST(VirtualTime, AnHourLongTimerNeverBeatsAReadyChannel) {
    EXPECT_EQ(agreed(hour_timer_against_a_ready_channel, time_mode::synctest), (std::set<std::string>{"none: got 7"}));
    // Timers at any step: the over-approximation includes the timeout.
    EXPECT_EQ(agreed(hour_timer_against_a_ready_channel, time_mode::any),
              (std::set<std::string>{"none: got 7", "none: timeout"}));
}

TEST(VirtualTime, ATimerFiresOnceEverythingElseIsBlocked) {
    auto program = [] {
        auto never = make_chan<int, S>(0, "never");
        select({on_recv(never, [](int) { print("never"); }), on_recv(after<S>(1h), [] { print("timeout"); })});
    };
    EXPECT_EQ(agreed(program, time_mode::synctest), (std::set<std::string>{"none: timeout"}));
}

TEST(VirtualTime, TimersFireInDeadlineOrder) {
    auto program = [] {
        auto late = after<S>(2ms);
        auto early = after<S>(1ms);
        for (int i = 0; i < 2; ++i)
            select({on_recv(late, [] { print("2ms"); }), on_recv(early, [] { print("1ms"); })});
    };
    EXPECT_EQ(agreed(program, time_mode::synctest), (std::set<std::string>{"none: 1ms 2ms"}));
    EXPECT_EQ(agreed(program, time_mode::any), (std::set<std::string>{"none: 1ms 2ms", "none: 2ms 1ms"}));
}

// Timers due at the same instant fire in any order, and one that is due can
// still fire at any step: the goroutine the first woke may or may not see it.
TEST(VirtualTime, TimersDueTogetherFireInEitherOrder) {
    auto program = [] {
        auto a = after<S>(1ms);
        auto b = after<S>(1ms);
        select({on_recv(a, [] { print("a"); }), on_recv(b, [] { print("b"); })});
        select({on_recv(a, [] { print("a"); }), on_recv(b, [] { print("b"); }), on_default([] { print("none"); })});
    };
    EXPECT_EQ(agreed(program, time_mode::synctest),
              (std::set<std::string>{"none: a b", "none: b a", "none: a none", "none: b none"}));
}

// The order is observed through a channel: what goroutines print on their
// own is not ordered by anything (an explorer that ran one order of
// independent steps rightly shows one).
TEST(VirtualTime, SleepsEndInDeadlineOrder) {
    auto program = [] {
        auto done = make_chan<std::string, S>(2, "done");
        go<S>("slow", [done] {
            sleep<S>(2ms);
            done.send("slow");
        });
        go<S>("quick", [done] {
            sleep<S>(1ms);
            done.send("quick");
        });
        for (int i = 0; i < 2; ++i) print(done.recv().value);
    };
    EXPECT_EQ(agreed(program, time_mode::synctest), (std::set<std::string>{"none: quick slow"}));
    EXPECT_EQ(agreed(program, time_mode::any), (std::set<std::string>{"none: quick slow", "none: slow quick"}));
}

// Deadlines count from the virtual time a timer starts at: a 3ms timer
// started after a 2ms sleep is due at 5ms, after a 4ms one.
TEST(VirtualTime, DeadlinesCountFromWhenTheTimerStarts) {
    auto program = [] {
        auto four = after<S>(4ms);
        sleep<S>(2ms);
        auto five = after<S>(3ms);
        for (int i = 0; i < 2; ++i)
            select({on_recv(five, [] { print("5ms"); }), on_recv(four, [] { print("4ms"); })});
    };
    EXPECT_EQ(agreed(program, time_mode::synctest), (std::set<std::string>{"none: 4ms 5ms"}));
}

// A goroutine that waits on a timer is not leaked: the timer fires first.
// One blocked for ever once the timers have fired is.
TEST(VirtualTime, AGoroutineWaitingOnATimerIsNoLeak) {
    auto waits = [] { go<S>("waits", [] { after<S>(1h).recv(); }); };
    EXPECT_EQ(agreed(waits, time_mode::synctest), (std::set<std::string>{"none: "}));
    auto stranded = [] {
        go<S>("stranded", [] {
            auto never = make_chan<int, S>(0, "never");
            after<S>(1h).recv();
            never.recv();
        });
    };
    EXPECT_EQ(agreed(stranded, time_mode::synctest), (std::set<std::string>{"leak: "}));
}

TEST(VirtualTime, EveryoneBlockedWithNoTimerIsStillADeadlock) {
    auto program = [] {
        auto ch = make_chan<int, S>(0, "ch");
        auto t = after<S>(1ms);
        t.recv();
        ch.recv();
    };
    EXPECT_EQ(agreed(program, time_mode::synctest), (std::set<std::string>{"deadlock: "}));
}

TEST(VirtualTime, TheTraceShowsTheVirtualTime) {
    explore_options o;
    o.time = time_mode::synctest;
    check_result r = run_explorer(
        [] {
            auto ch = make_chan<int, S>(0, "ch");
            sleep<S>(1500ms);
            after<S>(1h).recv();
            ch.recv();
        },
        o);
    ASSERT_TRUE(r.cx);
    EXPECT_EQ(r.cx->kind, "deadlock");
    EXPECT_TRUE(r.synctest_time);
    std::string text;
    for (const auto& t : r.cx->trace) text += t.goroutine + " " + t.op + " " + t.value + "\n";
    EXPECT_NE(text.find("sleep at 1500ms"), std::string::npos) << text;
    EXPECT_NE(text.find("fires at 3601500ms"), std::string::npos) << text;
}

}  // namespace
}  // namespace chancheck
