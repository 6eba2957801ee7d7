// Go's time.After and time.Sleep. The CONFORMANCE_CASEs run on threads and
// the explorer (on the virtual clock, where deadlines keep Go's order), each
// with a Go twin (go/twins/timer.go); their durations leave Go's real clock
// wide margins. The TESTs measure real durations on threads.
#include "outcomes.hpp"
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <string>

namespace conformance {
namespace {

using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;

CONFORMANCE_CASE(hour_timer_against_ready, {.name = "timer.an_hour_long_timer_loses_to_a_ready_channel", .rule = "time.After: the channel receives only after the duration; a select takes a ready case", .allowed = {"ready / ok"}}) {
    auto ready = cc::make_chan<int, S>(1, "ready");
    ready.send(1);
    cc::select({cc::on_recv(ready, [&](int) { out.print("ready"); }), cc::on_recv(cc::after<S>(1h), [&] { out.print("timeout"); })});
}

CONFORMANCE_CASE(timeout_when_nothing_ready, {.name = "timer.times_out_a_select_with_nothing_else_ready", .rule = "time.After: the value arrives after the duration, ready to a select", .allowed = {"timeout / ok"}}) {
    auto never = cc::make_chan<int, S>(0, "never");
    cc::select({cc::on_recv(never, [&](int) { out.print("never"); }), cc::on_recv(cc::after<S>(1ms), [&] { out.print("timeout"); })});
}

CONFORMANCE_CASE(not_before_duration, {.name = "timer.not_ready_before_its_duration", .rule = "time.After: nothing to receive before the duration has passed; the channel has a buffer of one", .allowed = {"default 0 1 / ok"}}) {
    auto t = cc::after<S>(1h);
    cc::select({cc::on_recv(t, [&] { out.print("fired"); }), cc::on_default([&] { out.print("default"); })});
    out.print(t.len(), " ", t.cap());
}

CONFORMANCE_CASE(fires_once, {.name = "timer.sends_one_value_only", .rule = "time.After: the channel receives the time once and is never closed", .allowed = {"true once / ok"}}) {
    auto t = cc::after<S>(1ms);
    out.print(t.recv().ok);
    cc::sleep<S>(20ms);
    cc::select({cc::on_recv(t, [&] { out.print("again"); }), cc::on_default([&] { out.print("once"); })});
}

CONFORMANCE_CASE(unread_value_waits, {.name = "timer.an_unread_value_waits_in_the_buffer", .rule = "time.After: the timer never blocks: its value waits in the buffer", .allowed = {"1 true / ok"}}) {
    auto t = cc::after<S>(1ms);
    cc::sleep<S>(20ms);
    out.print(t.len());
    out.print(t.recv().ok);
}

CONFORMANCE_CASE(after_zero, {.name = "timer.a_zero_duration_fires", .rule = "time.After: a non-positive duration fires at once", .allowed = {"true true / ok"}}) {
    out.print(cc::after<S>(0ms).recv().ok);
    out.print(cc::after<S>(-1ms).recv().ok);
}

CONFORMANCE_CASE(sleeps_in_order, {.name = "timer.sleeps_end_in_deadline_order", .rule = "time.Sleep: a goroutine sleeps at least the duration; the shorter sleep ends first", .allowed = {"quick slow / ok"}}) {
    auto done = cc::make_chan<std::string, S>(2, "done");
    cc::go<S>("slow", [done] {
        cc::sleep<S>(20ms);
        done.send("slow");
    });
    cc::go<S>("quick", [done] {
        cc::sleep<S>(1ms);
        done.send("quick");
    });
    for (int i = 0; i < 2; ++i) out.print(done.recv().value);
}

CONFORMANCE_CASE(timers_in_order, {.name = "timer.timers_fire_in_deadline_order", .rule = "time.After: a timer with the earlier deadline fires first", .allowed = {"early late / ok"}}) {
    auto late = cc::after<S>(20ms);
    auto early = cc::after<S>(1ms);
    for (int i = 0; i < 2; ++i)
        cc::select({cc::on_recv(late, [&] { out.print("late"); }), cc::on_recv(early, [&] { out.print("early"); })});
}

CONFORMANCE_CASE(deadline_from_creation, {.name = "timer.a_deadline_counts_from_when_the_timer_starts", .rule = "time.After: the duration runs from the call, not from the program's start", .allowed = {"first second / ok"}}) {
    auto first = cc::after<S>(20ms);  // due at 20ms
    cc::sleep<S>(10ms);
    auto second = cc::after<S>(30ms);  // due at 40ms
    for (int i = 0; i < 2; ++i)
        cc::select({cc::on_recv(second, [&] { out.print("second"); }), cc::on_recv(first, [&] { out.print("first"); })});
}

// A requester that gives up: the worker's answer comes after its patience,
// into a buffer, so nobody is left blocked.
CONFORMANCE_CASE(patience_shorter_than_work, {.name = "timer.a_requester_gives_up_on_a_slower_worker", .rule = "Select statements with time.After: the timer's case is taken when it fires first", .allowed = {"gave up / ok"}}) {
    auto answer = cc::make_chan<int, S>(1, "answer");
    cc::go<S>("worker", [answer] {
        cc::sleep<S>(20ms);
        answer.send(42);
    });
    cc::select({cc::on_recv(answer, [&](int v) { out.print(v); }), cc::on_recv(cc::after<S>(1ms), [&] { out.print("gave up"); })});
}

CONFORMANCE_CASE(patience_longer_than_work, {.name = "timer.a_requester_gets_a_faster_workers_answer", .rule = "Select statements with time.After: the answer's case is taken when it comes first", .allowed = {"42 / ok"}}) {
    auto answer = cc::make_chan<int, S>(1, "answer");
    cc::go<S>("worker", [answer] {
        cc::sleep<S>(1ms);
        answer.send(42);
    });
    cc::select({cc::on_recv(answer, [&](int v) { out.print(v); }), cc::on_recv(cc::after<S>(1h), [&] { out.print("gave up"); })});
}

// With the worker's answer unbuffered and nobody receiving after the
// timeout, the worker is left blocked: Go's leak, whatever the durations
// say about how long the requester waited.
CONFORMANCE_CASE(giving_up_strands_the_worker, {.name = "timer.giving_up_strands_an_unbuffered_worker", .rule = "Send statements: a send on an unbuffered channel blocks until a receiver is ready", .allowed = {"gave up / deadlock"}, .blocks = true}) {
    auto answer = cc::make_chan<int, S>(0, "answer");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("worker", [answer, done] {
        cc::sleep<S>(20ms);
        answer.send(42);
        done.send(1);
    });
    cc::select({cc::on_recv(answer, [&](int v) { out.print(v); }), cc::on_recv(cc::after<S>(1ms), [&] { out.print("gave up"); })});
    done.recv();
}

TEST(Timer, FiresOnceAfterItsDuration) {
    clock_type::time_point start, received_at, stamped;
    bool ok = false;
    int second_fire = -2;
    expect_completes([&] {
        start = clock_type::now();
        auto t = cc::after<S>(60ms);
        auto r = t.recv();
        received_at = clock_type::now();
        stamped = r.value;
        ok = r.ok;
        // Go's timer channel is never closed and carries one value only.
        cc::sleep<S>(60ms);
        second_fire = cc::select(cc::on_recv(t), cc::on_default());
    });
    EXPECT_TRUE(ok);
    EXPECT_GE(received_at - start, 60ms);
    EXPECT_GE(stamped - start, 60ms) << "the value is the time it fired";
    EXPECT_LE(stamped, received_at);
    EXPECT_EQ(second_fire, 1);
}

TEST(Timer, DoesNotFireBeforeItsDuration) {
    int fired = -2;
    std::size_t len = 99, cap = 0;
    expect_completes([&] {
        auto t = cc::after<S>(1h);
        cc::sleep<S>(30ms);
        fired = cc::select(cc::on_recv(t), cc::on_default());
        len = t.len();
        cap = t.cap();
    });
    EXPECT_EQ(fired, 1);
    EXPECT_EQ(len, 0u);
    EXPECT_EQ(cap, 1u) << "time.After's channel has a buffer of one, so the timer never blocks";
}

TEST(Timer, TimesOutASelectWithNothingElseReady) {
    int fired = -1;
    clock_type::duration waited{};
    expect_completes([&] {
        auto never = cc::make_chan<int, S>(0, "never");
        auto start = clock_type::now();
        fired = cc::select(cc::on_recv(never), cc::on_recv(cc::after<S>(40ms)));
        waited = clock_type::now() - start;
    });
    EXPECT_EQ(fired, 1);
    EXPECT_GE(waited, 40ms);
}

TEST(Timer, UnreadTimerNeedsNoReceiver) {
    clock_type::time_point start, stamped;
    expect_completes([&] {
        start = clock_type::now();
        auto t = cc::after<S>(10ms);
        cc::sleep<S>(50ms);
        // The value waited in the buffer: nobody was receiving when it fired.
        stamped = t.recv().value;
    });
    EXPECT_GE(stamped - start, 10ms);
}

TEST(Timer, TimersFireInDeadlineOrder) {
    clock_type::time_point start, late_fired, early_fired;
    expect_completes([&] {
        start = clock_type::now();
        auto late = cc::after<S>(80ms);
        auto early = cc::after<S>(20ms);
        // Each value is the time its timer fired, so the order shows without
        // depending on when this goroutine gets to receive.
        late_fired = late.recv().value;
        early_fired = early.recv().value;
    });
    EXPECT_LT(early_fired, late_fired);
    EXPECT_GE(early_fired - start, 20ms);
    EXPECT_GE(late_fired - start, 80ms);
}

TEST(Timer, SleepWaitsAtLeastItsDuration) {
    clock_type::duration slept{};
    expect_completes([&] {
        auto start = clock_type::now();
        cc::sleep<S>(30ms);
        slept = clock_type::now() - start;
    });
    EXPECT_GE(slept, 30ms);
}

}  // namespace
}  // namespace conformance
