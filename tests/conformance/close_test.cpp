// Closing channels: receives after close, send and double close panics, waking blocked goroutines.
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

TEST(Close, ReceiveFromClosedEmptyChannelReturnsZeroAtOnce) {
    std::vector<cc::recv_result<int>> got;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        c.close();
        // Completing at all is the point: with no sender anywhere, a receive
        // that waited would stall the program.
        for (int i = 0; i < 3; ++i) got.push_back(c.recv());
    });
    ASSERT_EQ(got.size(), 3u);
    for (const auto& r : got) {
        EXPECT_FALSE(r.ok);
        EXPECT_EQ(r.value, 0);
    }
}

TEST(Close, ReceiveFromClosedChannelGivesTheTypesZeroValue) {
    cc::recv_result<std::string> got{"not zero", true};
    expect_completes([&] {
        auto c = cc::make_chan<std::string, S>(2, "c");
        c.close();
        got = c.recv();
    });
    EXPECT_FALSE(got.ok);
    EXPECT_EQ(got.value, "");
}

TEST(Close, ClosedChannelIsReadyForReceiveInSelect) {
    int fired = -2;
    bool ok = true;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        c.close();
        fired = cc::select(cc::on_recv(c, [&](int, bool k) { ok = k; }), cc::on_default());
    });
    EXPECT_EQ(fired, 0);
    EXPECT_FALSE(ok);
}

TEST(Close, ValuesBufferedBeforeCloseAreStillDelivered) {
    std::vector<cc::recv_result<int>> got;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(3, "c");
        c.send(1);
        c.send(2);
        c.send(3);
        c.close();
        for (int i = 0; i < 4; ++i) got.push_back(c.recv());
    });
    ASSERT_EQ(got.size(), 4u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(got[static_cast<std::size_t>(i)].ok);
        EXPECT_EQ(got[static_cast<std::size_t>(i)].value, i + 1);
    }
    EXPECT_FALSE(got[3].ok);
    EXPECT_EQ(got[3].value, 0);
}

TEST(Close, SendOnClosedChannelPanics) {
    auto kind = panic_of([] {
        auto c = cc::make_chan<int, S>(1, "c");
        c.close();
        c.send(1);
    });
    EXPECT_EQ(kind, cc::panic_kind::send_on_closed);
}

TEST(Close, SendOnClosedUnbufferedChannelPanics) {
    auto kind = panic_of([] {
        auto c = cc::make_chan<int, S>(0, "c");
        c.close();
        c.send(1);
    });
    EXPECT_EQ(kind, cc::panic_kind::send_on_closed);
}

TEST(Close, SendOnClosedChannelPanicsWhenChosenInSelect) {
    bool handler_ran = false;
    auto kind = panic_of([&] {
        auto c = cc::make_chan<int, S>(1, "c");
        c.close();
        // The closed channel's send case is ready, so default must not be
        // taken: Go chooses the case and panics.
        cc::select(cc::on_send(c, 1, [&] { handler_ran = true; }), cc::on_default([&] { handler_ran = true; }));
    });
    EXPECT_EQ(kind, cc::panic_kind::send_on_closed);
    EXPECT_FALSE(handler_ran);
}

TEST(Close, BlockedSelectSendPanicsWhenItsChannelIsClosed) {
    std::optional<cc::panic_kind> kind;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        auto never = cc::make_chan<int, S>(0, "never");
        auto done = cc::make_chan<int, S>(0, "done");
        cc::go<S>("selector", [&, c, never, done] {
            try {
                cc::select(cc::on_send(c, 1), cc::on_recv(never));
            } catch (const cc::panic& p) {
                kind = p.kind();
            }
            done.send(0);
        });
        cc::sleep<S>(20ms);
        c.close();
        done.recv();
    });
    EXPECT_EQ(kind, cc::panic_kind::send_on_closed);
}

TEST(Close, CloseOfClosedChannelPanics) {
    auto kind = panic_of([] {
        auto c = cc::make_chan<int, S>(0, "c");
        c.close();
        c.close();
    });
    EXPECT_EQ(kind, cc::panic_kind::close_of_closed);
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

TEST(Close, CloseWakesBlockedSelectReceivers) {
    constexpr int receivers = 4;
    std::vector<int> fired(receivers, -1);
    std::vector<int> oks(receivers, -1);
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        auto never = cc::make_chan<int, S>(0, "never");
        cc::wait_group<S> wg;
        wg.add(receivers);
        for (int i = 0; i < receivers; ++i)
            cc::go<S>("selector " + std::to_string(i), [&, c, never, i] {
                auto k = static_cast<std::size_t>(i);
                fired[k] = cc::select(cc::on_recv(never), cc::on_recv(c, [&](int, bool ok) { oks[k] = ok; }));
                wg.done();
            });
        cc::sleep<S>(50ms);
        c.close();
        wg.wait();
    });
    EXPECT_EQ(fired, std::vector<int>(receivers, 1));
    EXPECT_EQ(oks, std::vector<int>(receivers, 0));
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
