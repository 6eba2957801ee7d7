// Go channel semantics: blocking, buffering, FIFO order, len/cap, for-range.
// The CONFORMANCE_CASEs run on threads and the explorer, each with a Go twin
// (go/twins/channel.go); the TESTs are threads-only checks that cannot be
// outcome sets (stress counts, goroutines parked across programs).
#include "outcomes.hpp"
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace conformance {
namespace {

using namespace std::chrono_literals;

// Channel types: an unbuffered channel hands a value over from sender to receiver.
CONFORMANCE_CASE(unbuffered_handoff, {.name = "channel.unbuffered_handoff", .rule = "Channel types: unbuffered communication hands the value over", .allowed = {"7 / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    cc::go<S>("sender", [c] { c.send(7); });
    out.print(c.recv().value);
}

// Channel types: unbuffered communication succeeds only when sender and receiver are both ready.
CONFORMANCE_CASE(unbuffered_send_waits, {.name = "channel.unbuffered_send_waits_for_receiver", .rule = "Channel types: without a buffer a send completes only when a receiver is ready", .allowed = {"waiting 7 / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto sent = cc::make_chan<int, S>(1, "sent");
    cc::go<S>("sender", [c, sent] {
        c.send(7);
        sent.send(0);
    });
    cc::select(cc::on_recv(sent, [&] { out.print("early"); }), cc::on_default([&] { out.print("waiting"); }));
    out.print(c.recv().value);
    sent.recv();
}

CONFORMANCE_CASE(unbuffered_recv_waits, {.name = "channel.unbuffered_receive_waits_for_sender", .rule = "Receive operator: the expression blocks until a value is available", .allowed = {"waiting 11 / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto got = cc::make_chan<int, S>(1, "got");
    cc::go<S>("receiver", [c, got] { got.send(c.recv().value); });
    cc::select(cc::on_recv(got, [&] { out.print("early"); }), cc::on_default([&] { out.print("waiting"); }));
    c.send(11);
    out.print(got.recv().value);
}

CONFORMANCE_CASE(unbuffered_send_alone, {.name = "channel.unbuffered_send_without_receiver_deadlocks", .rule = "Send statements: a send on an unbuffered channel blocks until a receiver is ready", .allowed = {"deadlock"}, .blocks = true}) {
    auto c = cc::make_chan<int, S>(0, "c");
    c.send(1);
    out.print("sent");
}

CONFORMANCE_CASE(send_value_first, {.name = "channel.send_value_evaluated_before_blocking", .rule = "Send statements: the channel and the value are evaluated before communication begins, even a send that blocks for ever", .allowed = {"evaluated / deadlock"}, .blocks = true}) {
    cc::chan<int, S> nil;
    auto value = [&] {
        out.print("evaluated");
        return 1;
    };
    nil.send(value());
    out.print("sent");
}

CONFORMANCE_CASE(buffered_blocks_when_full, {.name = "channel.buffered_send_blocks_only_when_full", .rule = "Channel types: with a buffer, sends succeed without a receiver while it is not full", .allowed = {"true true true false / ok"}}) {
    auto c = cc::make_chan<int, S>(3, "c");
    for (int i = 0; i < 4; ++i) cc::select(cc::on_send(c, i, [&] { out.print(true); }), cc::on_default([&] { out.print(false); }));
}

CONFORMANCE_CASE(buffered_fifo, {.name = "channel.buffered_fifo", .rule = "Channel types: channels act as first-in-first-out queues", .allowed = {"1 2 3 / ok"}}) {
    auto c = cc::make_chan<int, S>(3, "c");
    for (int i = 1; i <= 3; ++i) c.send(i);
    for (int i = 1; i <= 3; ++i) out.print(c.recv().value);
}

CONFORMANCE_CASE(fifo_between_goroutines, {.name = "channel.fifo_between_goroutines", .rule = "Channel types: values arrive in the order sent, across goroutines", .allowed = {"1 2 3 4 / ok"}}) {
    auto c = cc::make_chan<int, S>(2, "c");
    cc::go<S>("producer", [c] {
        for (int i = 1; i <= 4; ++i) c.send(i);
        c.close();
    });
    for (int v : c) out.print(v);
}

CONFORMANCE_CASE(two_senders, {.name = "channel.two_senders_either_order", .rule = "Send statements: concurrent sends complete in either order", .allowed = {"1 2 / ok", "2 1 / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    cc::go<S>("one", [c] { c.send(1); });
    cc::go<S>("two", [c] { c.send(2); });
    out.print(c.recv().value);
    out.print(c.recv().value);
}

CONFORMANCE_CASE(len_and_cap, {.name = "channel.len_and_cap", .rule = "Channel types: len is the number of queued elements, cap the buffer size", .allowed = {"0/3 2/3 1/3 3/3 3/3 / ok"}}) {
    auto c = cc::make_chan<int, S>(3, "c");
    auto show = [&] { out.print(c.len(), "/", c.cap()); };
    show();
    c.send(1);
    c.send(2);
    show();
    c.recv();
    show();
    c.send(3);
    c.send(4);
    show();
    c.close();
    show();  // closing keeps what is buffered
}

// Whether or not the sender is already waiting, nothing is queued.
CONFORMANCE_CASE(unbuffered_len_cap, {.name = "channel.unbuffered_len_and_cap_are_zero", .rule = "Length and capacity: an unbuffered channel has cap 0 and len 0, even with a sender waiting", .allowed = {"0 0 1 / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    cc::go<S>("sender", [c] { c.send(1); });
    out.print(c.len(), " ", c.cap());
    out.print(c.recv().value);
}

CONFORMANCE_CASE(shared_by_many, {.name = "channel.one_channel_shared_by_many_goroutines", .rule = "Channel types: a single channel may be used in sends, receives, cap and len by any number of goroutines without further synchronization", .allowed = {"cap 1 sum 3 / ok"}}) {
    auto c = cc::make_chan<int, S>(1, "c");
    auto got = cc::make_chan<int, S>(2, "got");
    for (int i = 1; i <= 2; ++i) {
        cc::go<S>("sender " + std::to_string(i), [c, i] { c.send(i); });
        cc::go<S>("receiver " + std::to_string(i), [c, got] { got.send(c.recv().value); });
    }
    out.print("cap ", c.cap(), " sum ", got.recv().value + got.recv().value);
}

// Go's len(ch) reads the buffer when it runs: after a sleep the sender has
// usually sent, but nothing orders the two.
CONFORMANCE_CASE(len_after_sleep, {.name = "channel.len_after_sleep_is_racy", .rule = "Channel types: len(ch) is the count at the moment it is evaluated", .allowed = {"0 / ok", "1 / ok"}, .scheduler_decides = true}) {
    auto c = cc::make_chan<int, S>(1, "c");
    auto done = cc::make_chan<int, S>(1, "done");
    cc::go<S>("sender", [c, done] {
        c.send(1);
        done.send(0);
    });
    cc::sleep<S>(1ms);
    out.print(c.len());
    done.recv();
}

CONFORMANCE_CASE(negative_capacity, {.name = "channel.negative_capacity_panics", .rule = "Making slices, maps and channels: a negative run-time capacity panics", .allowed = {"panic: makechan: size out of range"}}) {
    long long n = -1;
    cc::make_chan<int, S>(n, "c");
    out.print("made");
}

CONFORMANCE_CASE(receive_ok, {.name = "channel.receive_ok_of_a_sent_value", .rule = "Receive operator: ok is true for a value delivered by a successful send", .allowed = {"5 true / ok"}}) {
    auto c = cc::make_chan<int, S>(1, "c");
    c.send(5);
    auto [v, ok] = c.recv();
    out.print(v, " ", ok);
}

CONFORMANCE_CASE(range_drains_closed, {.name = "channel.range_drains_a_closed_buffer", .rule = "For statements with range: iterates over values sent until the channel is closed", .allowed = {"1 2 3 4 end / ok"}}) {
    auto c = cc::make_chan<int, S>(4, "c");
    for (int i = 1; i <= 4; ++i) c.send(i);
    c.close();
    for (int v : c) out.print(v);
    out.print("end");
}

CONFORMANCE_CASE(range_open_blocks, {.name = "channel.range_over_open_channel_waits", .rule = "For statements with range: on an open channel the loop waits for more", .allowed = {"1 / deadlock"}, .blocks = true}) {
    auto c = cc::make_chan<int, S>(2, "c");
    c.send(1);
    for (int v : c) out.print(v);
    out.print("end");
}

// The memory model: a send happens before the corresponding receive completes.
CONFORMANCE_CASE(send_orders_write, {.name = "channel.send_happens_before_receive", .rule = "Memory model: a send on a channel is synchronized before the completion of the receive", .allowed = {"1 / ok"}, .race = race_check::race_free}) {
    cc::shared<int, S> x;
    auto c = cc::make_chan<int, S>(0, "c");
    cc::go<S>("writer", [&x, c] {
        x.write() = 1;
        c.send(0);
    });
    c.recv();
    out.print(x.read());
}

CONFORMANCE_CASE(unsynchronised_writes, {.name = "channel.unsynchronised_writes_race", .rule = "Memory model: writes not ordered by happens-before are a data race", .allowed = {"data race"}, .race = race_check::racy}) {
    cc::shared<int, S> x;
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("writer", [&x, done] {
        x.write() = 1;
        done.send(0);
    });
    x.write() = 2;
    done.recv();
}

TEST(Channel, SmallBufferKeepsFifoOrderBetweenGoroutines) {
    std::vector<int> got;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(2, "c");
        cc::go<S>("producer", [c] {
            for (int i = 0; i < 2000; ++i) c.send(i);
            c.close();
        });
        for (int v : c) got.push_back(v);
    });
    ASSERT_EQ(got.size(), 2000u);
    for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], static_cast<int>(i));
}

TEST(Channel, WaitingSendersAreServedFifo) {
    auto c = cc::make_chan<int, S>(0, "c");
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(parks([c, i] { c.send(i); }, "send to c")) << "sender " << i;
    std::vector<int> got;
    expect_completes([&] {
        for (int i = 0; i < 4; ++i) got.push_back(c.recv().value);
    });
    EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3}));
}

TEST(Channel, WaitingSendersJoinAFullBufferInFifoOrder) {
    auto c = cc::make_chan<int, S>(2, "c");
    expect_completes([c] {
        c.send(0);
        c.send(1);
    });
    for (int i = 2; i < 5; ++i) ASSERT_TRUE(parks([c, i] { c.send(i); }, "send to c")) << "sender " << i;
    EXPECT_EQ(c.len(), 2u);
    std::vector<int> got;
    expect_completes([&] {
        for (int i = 0; i < 5; ++i) got.push_back(c.recv().value);
    });
    EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(Channel, WaitingReceiversAreServedFifo) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto results = cc::make_chan<std::pair<int, int>, S>(4, "results");
    for (int i = 0; i < 4; ++i)
        ASSERT_TRUE(parks([c, results, i] { results.send({i, c.recv().value}); }, "receive from c"))
            << "receiver " << i;
    std::vector<int> value_of(4, -1);
    expect_completes([&] {
        for (int i = 0; i < 4; ++i) c.send(100 + i);
        for (int i = 0; i < 4; ++i) {
            auto [who, v] = results.recv().value;
            value_of[static_cast<std::size_t>(who)] = v;
        }
    });
    EXPECT_EQ(value_of, (std::vector<int>{100, 101, 102, 103}));
}

TEST(Channel, UnbufferedLenStaysZeroWithAWaitingSender) {
    auto c = cc::make_chan<int, S>(0, "c");
    ASSERT_TRUE(parks([c] { c.send(1); }, "send to c"));
    EXPECT_EQ(c.len(), 0u);
    EXPECT_EQ(c.cap(), 0u);
    expect_completes([c] { c.recv(); });
}

TEST(Channel, MoveOnlyValuesAreHandedOver) {
    int got = 0;
    expect_completes([&] {
        auto c = cc::make_chan<std::unique_ptr<int>, S>(0, "c");
        cc::go<S>("sender", [c] { c.send(std::make_unique<int>(5)); });
        auto [p, ok] = c.recv();
        got = ok && p ? *p : -1;
    });
    EXPECT_EQ(got, 5);
}

// Hands a move-only value from a goroutine to main with one side certainly
// parked first: a blocked sender parks with its value in its waiter, and a
// blocked receiver gets the value in its waiter before it is moved out.
int hand_over_move_only(bool sender_parks_first) {
    int got = 0;
    expect_completes([&] {
        auto c = cc::make_chan<std::unique_ptr<int>, S>(0, "c");
        cc::go<S>("sender", [c, sender_parks_first] {
            if (!sender_parks_first) cc::sleep<S>(20ms);
            c.send(std::make_unique<int>(6));
        });
        if (sender_parks_first) cc::sleep<S>(20ms);
        auto [p, ok] = c.recv();
        got = ok && p ? *p : -1;
    });
    return got;
}

TEST(Channel, MoveOnlyValueOfABlockedSenderIsHandedOver) { EXPECT_EQ(hand_over_move_only(true), 6); }

TEST(Channel, MoveOnlyValueReachesABlockedReceiver) { EXPECT_EQ(hand_over_move_only(false), 6); }

TEST(Channel, ChannelsCompareByIdentity) {
    auto a = cc::make_chan<int, S>(1);
    auto b = cc::make_chan<int, S>(1);
    auto a2 = a;
    EXPECT_TRUE(a == a2);
    EXPECT_FALSE(a == b);
    EXPECT_FALSE(a.is_nil());
}

}  // namespace
}  // namespace conformance
