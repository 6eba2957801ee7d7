// Nil channels: operations block for ever, a nil case is never chosen, close panics, len/cap are zero.
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace conformance {
namespace {

using namespace std::chrono_literals;

// The program must stall with `who` blocked on exactly `waiting_on`.
void expect_blocked_for_ever(const S::run_result& r, std::string_view who, const std::string& waiting_on) {
    EXPECT_EQ(r.how, outcome::stalled) << r.describe();
    bool found = false;
    for (const auto& g : r.alive)
        if (g.name == who) {
            found = true;
            EXPECT_TRUE(g.blocked) << r.describe();
            EXPECT_EQ(g.waiting_on, waiting_on);
        }
    EXPECT_TRUE(found) << who << " is not alive: " << r.describe();
}

std::string at(unsigned line) { return std::string(" at ") + __FILE__ + ":" + std::to_string(line); }

TEST(NilChannel, SendBlocksForever) {
    cc::chan<int, S> nil;
    const unsigned line = __LINE__ + 1;
    auto r = S::run([nil] { nil.send(1); }, stall_fast());
    expect_blocked_for_ever(r, "main", "send on nil channel" + at(line));
}

TEST(NilChannel, ReceiveBlocksForever) {
    cc::chan<int, S> nil;
    const unsigned line = __LINE__ + 1;
    auto r = S::run([nil] { nil.recv(); }, stall_fast());
    expect_blocked_for_ever(r, "main", "receive from nil channel" + at(line));
}

TEST(NilChannel, BlockedGoroutineNeverProceeds) {
    auto proceeded = std::make_shared<std::atomic<bool>>(false);
    bool early = true;
    auto r = S::run(
        [&, proceeded] {
            cc::chan<int, S> nil;
            cc::go<S>("stuck", [nil, proceeded] {
                nil.send(1);
                *proceeded = true;
            });
            cc::sleep<S>(50ms);
            early = *proceeded;
        },
        stall_fast());
    EXPECT_FALSE(early);
    EXPECT_FALSE(*proceeded);
    // main finished; the non-daemon goroutine keeps the program from ending.
    EXPECT_EQ(r.how, outcome::stalled) << r.describe();
    ASSERT_EQ(r.alive.size(), 1u) << r.describe();
    EXPECT_EQ(r.alive[0].name, "stuck");
    EXPECT_TRUE(r.alive[0].blocked);
    EXPECT_EQ(r.alive[0].waiting_on.rfind("send on nil channel at ", 0), 0u) << r.alive[0].waiting_on;
}

TEST(NilChannel, RangeBlocksForever) {
    cc::chan<int, S> nil;
    auto r = S::run(
        [nil] {
            for (int v : nil) (void)v;
        },
        stall_fast());
    ASSERT_EQ(r.how, outcome::stalled) << r.describe();
    ASSERT_EQ(r.alive.size(), 1u);
    EXPECT_EQ(r.alive[0].waiting_on.rfind("receive from nil channel at ", 0), 0u) << r.alive[0].waiting_on;
}

TEST(NilChannel, LenAndCapAreZero) {
    cc::chan<int, S> nil;
    EXPECT_TRUE(nil.is_nil());
    EXPECT_EQ(nil.len(), 0u);
    EXPECT_EQ(nil.cap(), 0u);
    cc::chan<int, S> other;
    EXPECT_TRUE(nil == other);
    EXPECT_FALSE((nil == cc::make_chan<int, S>(0)));
}

TEST(NilChannel, CloseOfNilChannelPanics) {
    bool panicked = false;
    cc::panic_kind kind{};
    expect_completes([&] {
        cc::chan<int, S> nil;
        try {
            nil.close();
        } catch (const cc::panic& p) {
            panicked = true;
            kind = p.kind();
        }
    });
    EXPECT_TRUE(panicked);
    EXPECT_EQ(kind, cc::panic_kind::close_of_nil);
}

TEST(NilChannel, NilCaseInSelectIsNeverChosen) {
    int nil_chosen = 0, ready_chosen = 0, defaulted = 0;
    expect_completes([&] {
        cc::chan<int, S> nil;
        auto closed = cc::make_chan<int, S>(0, "closed");
        closed.close();
        auto room = cc::make_chan<int, S>(1000, "room");
        for (int i = 0; i < 1000; ++i) {
            // Both nil cases list first and last so that every poll order
            // has a chance to reach them.
            int k = cc::select(cc::on_send(nil, 1), cc::on_recv(closed), cc::on_send(room, i), cc::on_recv(nil));
            if (k == 0 || k == 3) ++nil_chosen;
            else ++ready_chosen;
        }
        for (int i = 0; i < 1000; ++i) {
            int k = cc::select(cc::on_recv(nil), cc::on_send(nil, 2), cc::on_default());
            if (k == 2) ++defaulted;
            else ++nil_chosen;
        }
    });
    EXPECT_EQ(nil_chosen, 0);
    EXPECT_EQ(ready_chosen, 1000);
    EXPECT_EQ(defaulted, 1000);
}

TEST(NilChannel, BlockedSelectIgnoresNilCaseAndWakesOnTheOther) {
    int fired = -1, value = 0;
    expect_completes([&] {
        cc::chan<int, S> nil;
        auto c = cc::make_chan<int, S>(0, "c");
        cc::go<S>("sender", [c] {
            cc::sleep<S>(20ms);
            c.send(9);
        });
        fired = cc::select(cc::on_recv(nil), cc::on_send(nil, 0), cc::on_recv(c, [&](int v) { value = v; }));
    });
    EXPECT_EQ(fired, 2);
    EXPECT_EQ(value, 9);
}

TEST(NilChannel, SelectOfOnlyNilChannelsBlocksForever) {
    cc::chan<int, S> a, b;
    const unsigned line = __LINE__ + 1;
    auto r = S::run([a, b] { cc::select(cc::on_recv(a), cc::on_send(b, 1)); }, stall_fast());
    expect_blocked_for_ever(r, "main", "select with no ready-able case" + at(line));
}

TEST(NilChannel, EmptySelectBlocksForever) {
    auto r = S::run([] { cc::select<S>(); }, stall_fast());
    ASSERT_EQ(r.how, outcome::stalled) << r.describe();
    ASSERT_EQ(r.alive.size(), 1u);
    EXPECT_TRUE(r.alive[0].blocked);
    EXPECT_EQ(r.alive[0].waiting_on.rfind("select with no ready-able case at ", 0), 0u) << r.alive[0].waiting_on;
}

TEST(NilChannel, SelectOfOnlyNilChannelsWithDefaultTakesDefault) {
    int fired = -2;
    expect_completes([&] {
        cc::chan<int, S> a, b;
        fired = cc::select(cc::on_recv(a), cc::on_send(b, 1), cc::on_default());
    });
    EXPECT_EQ(fired, 2);
}

}  // namespace
}  // namespace conformance
