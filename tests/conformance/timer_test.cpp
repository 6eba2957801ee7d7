// Go's time.After and time.Sleep on real threads: a timer fires once, never before its duration.
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>

namespace conformance {
namespace {

using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;

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
