// Nil channels: operations block for ever, a nil case is never chosen, close panics, len/cap are zero.
// The CONFORMANCE_CASEs run on threads and the explorer, each with a Go twin
// (go/twins/nil.go); the TESTs check, on threads only, what the stall report
// says each blocked goroutine waits on.
#include "outcomes.hpp"
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

CONFORMANCE_CASE(nil_send, {.name = "nil.send_blocks_forever", .rule = "Send statements: a send on a nil channel blocks forever", .allowed = {"deadlock"}, .blocks = true}) {
    cc::chan<int, S> nil;
    nil.send(1);
    out.print("sent");
}

CONFORMANCE_CASE(nil_recv, {.name = "nil.receive_blocks_forever", .rule = "Receive operator: receiving from a nil channel blocks forever", .allowed = {"deadlock"}, .blocks = true}) {
    cc::chan<int, S> nil;
    nil.recv();
    out.print("received");
}

CONFORMANCE_CASE(nil_range, {.name = "nil.range_blocks_forever", .rule = "For statements with range: a nil channel blocks forever", .allowed = {"deadlock"}, .blocks = true}) {
    cc::chan<int, S> nil;
    for (int v : nil) out.print(v);
}

CONFORMANCE_CASE(nil_close, {.name = "nil.close_panics", .rule = "Close: closing a nil channel causes a run-time panic", .allowed = {"panic: close of nil channel"}}) {
    cc::chan<int, S> nil;
    nil.close();
}

CONFORMANCE_CASE(nil_len_cap, {.name = "nil.len_and_cap_are_zero", .rule = "Length and capacity: len and cap of a nil channel are 0", .allowed = {"0 0 / ok"}}) {
    cc::chan<int, S> nil;
    out.print(nil.len(), " ", nil.cap());
}

CONFORMANCE_CASE(nil_case_never, {.name = "nil.select_never_chooses_a_nil_case", .rule = "Select statements: communication on a nil channel can never proceed", .allowed = {"1 / ok"}}) {
    cc::chan<int, S> nil;
    auto closed = cc::make_chan<int, S>(0, "closed");
    closed.close();
    out.print(cc::select(cc::on_send(nil, 1), cc::on_recv(closed), cc::on_recv(nil)));
}

CONFORMANCE_CASE(nil_with_default, {.name = "nil.select_of_nil_cases_takes_default", .rule = "Select statements: with no case able to proceed, default is chosen", .allowed = {"default / ok"}}) {
    cc::chan<int, S> a, b;
    cc::select(cc::on_recv(a), cc::on_send(b, 1), cc::on_default([&] { out.print("default"); }));
}

CONFORMANCE_CASE(nil_only_blocks, {.name = "nil.select_of_only_nil_cases_blocks", .rule = "Select statements: with no default, select blocks until a case can proceed", .allowed = {"deadlock"}, .blocks = true}) {
    cc::chan<int, S> a, b;
    cc::select(cc::on_recv(a), cc::on_send(b, 1));
}

CONFORMANCE_CASE(empty_select, {.name = "nil.empty_select_blocks_forever", .rule = "Select statements: a select with no cases blocks forever", .allowed = {"deadlock"}, .blocks = true}) {
    cc::select<S>();
}

CONFORMANCE_CASE(nil_select_wakes_other, {.name = "nil.blocked_select_wakes_on_the_other_case", .rule = "Select statements: a select waiting on nil and live channels proceeds on a live one", .allowed = {"2 9 / ok"}}) {
    cc::chan<int, S> nil;
    auto c = cc::make_chan<int, S>(0, "c");
    cc::go<S>("sender", [c] { c.send(9); });
    int value = 0;
    int fired = cc::select(cc::on_recv(nil), cc::on_send(nil, 0), cc::on_recv(c, [&](int v) { value = v; }));
    out.print(fired, " ", value);
}

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

TEST(NilChannel, LenAndCapAreZero) {
    cc::chan<int, S> nil;
    EXPECT_TRUE(nil.is_nil());
    EXPECT_EQ(nil.len(), 0u);
    EXPECT_EQ(nil.cap(), 0u);
    cc::chan<int, S> other;
    EXPECT_TRUE(nil == other);
    EXPECT_FALSE((nil == cc::make_chan<int, S>(0)));
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
}  // namespace
}  // namespace conformance
