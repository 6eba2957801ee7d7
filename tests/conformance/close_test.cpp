// Closing channels: receives after close, send and double close panics, waking blocked goroutines.
// The CONFORMANCE_CASEs run on threads and the explorer, each with a Go twin
// (go/twins/close.go); the TESTs are threads-only checks (many goroutines,
// the failure report's fields).
#include "outcomes.hpp"
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace conformance {
namespace {

using namespace std::chrono_literals;

CONFORMANCE_CASE(recv_closed_empty, {.name = "close.receive_from_closed_is_immediate_zero", .rule = "Receive operator: a receive from a closed channel proceeds at once, yielding the zero value", .allowed = {"0 false 0 false / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    c.close();
    for (int i = 0; i < 2; ++i) {
        auto [v, ok] = c.recv();
        out.print(v, " ", ok);
    }
}

CONFORMANCE_CASE(recv_closed_zero_of_type, {.name = "close.receive_gives_the_types_zero_value", .rule = "Receive operator: after close, receives yield the element type's zero value", .allowed = {"[] false / ok"}}) {
    auto c = cc::make_chan<std::string, S>(2, "c");
    c.close();
    auto [v, ok] = c.recv();
    out.print("[", v, "] ", ok);
}

CONFORMANCE_CASE(buffered_before_close, {.name = "close.buffered_values_delivered_first", .rule = "Close: receives return values sent before close, then zero values with ok false", .allowed = {"1 true 2 true 0 false / ok"}}) {
    auto c = cc::make_chan<int, S>(3, "c");
    c.send(1);
    c.send(2);
    c.close();
    for (int i = 0; i < 3; ++i) {
        auto [v, ok] = c.recv();
        out.print(v, " ", ok);
    }
}

CONFORMANCE_CASE(send_on_closed, {.name = "close.send_on_closed_panics", .rule = "Send statements: a send on a closed channel causes a run-time panic", .allowed = {"panic: send on closed channel"}}) {
    auto c = cc::make_chan<int, S>(1, "c");
    c.close();
    c.send(1);
    out.print("sent");
}

CONFORMANCE_CASE(send_value_before_panic, {.name = "close.send_value_evaluated_before_the_panic", .rule = "Send statements: the value is evaluated before communication begins, so before a send on a closed channel panics", .allowed = {"evaluated / panic: send on closed channel"}}) {
    auto c = cc::make_chan<int, S>(1, "c");
    c.close();
    auto value = [&] {
        out.print("evaluated");
        return 1;
    };
    c.send(value());
}

CONFORMANCE_CASE(select_send_on_closed, {.name = "close.send_on_closed_in_select_panics", .rule = "Select statements: a chosen send case on a closed channel panics; default is not taken", .allowed = {"panic: send on closed channel"}}) {
    auto c = cc::make_chan<int, S>(1, "c");
    c.close();
    cc::select(cc::on_send(c, 1, [&] { out.print("sent"); }), cc::on_default([&] { out.print("default"); }));
}

CONFORMANCE_CASE(close_of_closed, {.name = "close.close_of_closed_panics", .rule = "Close: closing a closed channel causes a run-time panic", .allowed = {"panic: close of closed channel"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    c.close();
    c.close();
}

CONFORMANCE_CASE(select_ready_after_close, {.name = "close.closed_channel_is_ready_in_select", .rule = "Select statements: a receive from a closed channel can proceed", .allowed = {"0 false / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    c.close();
    cc::select(cc::on_recv(c, [&](int v, bool ok) { out.print(v, " ", ok); }), cc::on_default([&] { out.print("default"); }));
}

// A receiver may already wait when close comes, or arrive after it: either
// way it gets the zero value.
CONFORMANCE_CASE(close_wakes_receivers, {.name = "close.wakes_every_blocked_receiver", .rule = "Close: every receive, waiting or later, completes with the zero value", .allowed = {"r0: 0 false; r1: 0 false; s: 0 false / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto never = cc::make_chan<int, S>(0, "never");
    auto done = cc::make_chan<int, S>(3, "done");
    for (auto name : {"r0", "r1"})
        cc::go<S>(name, [&out, c, done, name] {
            auto [v, ok] = c.recv();
            out.in(name).print(v, " ", ok);
            done.send(0);
        });
    cc::go<S>("s", [&out, c, never, done] {
        cc::select(cc::on_recv(never), cc::on_recv(c, [&](int v, bool ok) { out.in("s").print(v, " ", ok); }));
        done.send(0);
    });
    c.close();
    for (int i = 0; i < 3; ++i) done.recv();
}

CONFORMANCE_CASE(close_wakes_sender, {.name = "close.blocked_sender_panics_when_closed", .rule = "Close: a sender blocked on the channel panics once it is closed; its send read the channel before it blocked, unordered with the close: Go's race detector reports it", .allowed = {"data race"}, .race = race_check::racy}) {
    auto c = cc::make_chan<int, S>(1, "c");
    auto done = cc::make_chan<int, S>(0, "done");
    c.send(0);  // full: the sender's send blocks or finds the channel closed
    cc::go<S>("sender", [&out, c, done] {
        try {
            c.send(1);
            out.in("sender").print("sent");
        } catch (const cc::panic& p) {
            out.in("sender").print(p.what());
        }
        done.send(0);
    });
    c.close();
    done.recv();
}

CONFORMANCE_CASE(blocked_select_send, {.name = "close.blocked_select_send_panics_when_closed", .rule = "Select statements: a waiting send case panics when its channel is closed; the select read the channel when it polled it, unordered with the close: Go's race detector reports it", .allowed = {"data race"}, .race = race_check::racy}) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto never = cc::make_chan<int, S>(0, "never");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("selector", [&out, c, never, done] {
        try {
            cc::select(cc::on_send(c, 1), cc::on_recv(never));
            out.in("selector").print("fired");
        } catch (const cc::panic& p) {
            out.in("selector").print(p.what());
        }
        done.send(0);
    });
    c.close();
    done.recv();
}

CONFORMANCE_CASE(close_races_send, {.name = "close.close_races_a_send", .rule = "Close: a send before close is delivered, a send after it panics; unordered, the two race (chansend reads the channel, closechan writes it)", .allowed = {"data race"}, .race = race_check::racy}) {
    auto c = cc::make_chan<int, S>(1, "c");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("g", [&out, c, done] {
        try {
            c.send(1);
            out.in("g").print("sent");
        } catch (const cc::panic& p) {
            out.in("g").print(p.what());
        }
        done.send(0);
    });
    c.close();
    auto [v, ok] = c.recv();
    out.print(v, " ", ok);
    done.recv();
}

CONFORMANCE_CASE(uncaught_in_goroutine, {.name = "close.uncaught_panic_in_a_goroutine_ends_the_program", .rule = "Run-time panics: an unrecovered panic in any goroutine ends the program", .allowed = {"panic: send on closed channel"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto done = cc::make_chan<int, S>(0, "done");
    c.close();
    cc::go<S>("late sender", [c, done] {
        c.send(1);
        done.send(0);
    });
    done.recv();
    out.print("unreachable");
}

TEST(Close, CloseWakesEveryBlockedReceiver) {
    constexpr int receivers = 8;
    std::vector<cc::recv_result<int>> got(receivers, {-1, true});
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        cc::wait_group<S> wg;
        wg.add(receivers);
        for (int i = 0; i < receivers; ++i)
            cc::go<S>("receiver " + std::to_string(i), [&, c, i] {
                got[static_cast<std::size_t>(i)] = c.recv();
                wg.done();
            });
        // Gives the receivers time to block first, so that close has to wake
        // them; one that arrives late still sees the closed channel.
        cc::sleep<S>(50ms);
        c.close();
        wg.wait();
    });
    for (const auto& r : got) {
        EXPECT_FALSE(r.ok);
        EXPECT_EQ(r.value, 0);
    }
}

TEST(Close, CloseWakesBlockedSendersWhichPanic) {
    constexpr int senders = 8;
    std::vector<std::optional<cc::panic_kind>> kinds(senders);
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(1, "c");
        c.send(-1);  // full: every later send blocks
        cc::wait_group<S> wg;
        wg.add(senders);
        for (int i = 0; i < senders; ++i)
            cc::go<S>("sender " + std::to_string(i), [&, c, i] {
                try {
                    c.send(i);
                } catch (const cc::panic& p) {
                    kinds[static_cast<std::size_t>(i)] = p.kind();
                }
                wg.done();
            });
        cc::sleep<S>(50ms);
        c.close();
        wg.wait();
    });
    for (const auto& k : kinds) EXPECT_EQ(k, cc::panic_kind::send_on_closed);
}

TEST(Close, UncaughtSendOnClosedChannelFailsTheRunAsAPanic) {
    auto r = S::run([] {
        auto c = cc::make_chan<int, S>(0, "c");
        c.close();
        cc::go<S>("late sender", [c] { c.send(1); });
    });
    ASSERT_EQ(r.how, outcome::failed) << r.describe();
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0].goroutine(), "late sender");
    EXPECT_TRUE(r.failures[0].is_panic());
    EXPECT_EQ(r.failures[0].message(), "send on closed channel");
}

}  // namespace
}  // namespace conformance
