// Go channel semantics on the threads backend: blocking, buffering, FIFO order, len/cap, range.
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace conformance {
namespace {

using namespace std::chrono_literals;

TEST(Channel, UnbufferedSendWaitsForReceiver) {
    std::atomic<bool> sent{false};
    bool early = true;
    int got = 0;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        auto done = cc::make_chan<int, S>(0, "done");
        cc::go<S>("sender", [&, c, done] {
            c.send(7);
            sent = true;
            done.send(0);
        });
        cc::sleep<S>(50ms);
        early = sent.load();
        got = c.recv().value;
        done.recv();
    });
    EXPECT_FALSE(early) << "the send completed with no receiver";
    EXPECT_TRUE(sent);
    EXPECT_EQ(got, 7);
}

TEST(Channel, UnbufferedReceiveWaitsForSender) {
    std::atomic<bool> received{false};
    bool early = true;
    cc::recv_result<int> got;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        auto done = cc::make_chan<int, S>(0, "done");
        cc::go<S>("receiver", [&, c, done] {
            got = c.recv();
            received = true;
            done.send(0);
        });
        cc::sleep<S>(50ms);
        early = received.load();
        c.send(11);
        done.recv();
    });
    EXPECT_FALSE(early) << "the receive completed with no sender";
    EXPECT_TRUE(got.ok);
    EXPECT_EQ(got.value, 11);
}

TEST(Channel, UnbufferedSendWithNoReceiverBlocks) {
    auto c = cc::make_chan<int, S>(0, "lonely");
    EXPECT_TRUE(parks([c] { c.send(1); }, "send to lonely"));
}

TEST(Channel, BufferedSendBlocksOnlyWhenFull) {
    std::vector<int> defaulted;
    std::atomic<bool> fourth_sent{false};
    bool fourth_early = true;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(3, "c");
        // The first three fit without any receiver; the fourth does not.
        for (int i = 0; i < 4; ++i)
            if (cc::select(cc::on_send(c, i), cc::on_default()) != 0) defaulted.push_back(i);
        auto done = cc::make_chan<int, S>(0, "done");
        cc::go<S>("fourth", [&, c, done] {
            c.send(3);
            fourth_sent = true;
            done.send(0);
        });
        cc::sleep<S>(50ms);
        fourth_early = fourth_sent.load();
        c.recv();
        done.recv();
    });
    EXPECT_EQ(defaulted, std::vector<int>{3});
    EXPECT_FALSE(fourth_early) << "a send into a full buffer completed";
    EXPECT_TRUE(fourth_sent);
}

TEST(Channel, BufferedSendsFillTheBufferWithoutAReceiver) {
    std::size_t len = 0;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(5, "c");
        for (int i = 0; i < 5; ++i) c.send(i);
        len = c.len();
    });
    EXPECT_EQ(len, 5u);
}

TEST(Channel, BufferedChannelIsFifo) {
    std::vector<int> got;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(100, "c");
        for (int i = 0; i < 100; ++i) c.send(i);
        for (int i = 0; i < 100; ++i) got.push_back(c.recv().value);
    });
    std::vector<int> want(100);
    for (int i = 0; i < 100; ++i) want[static_cast<std::size_t>(i)] = i;
    EXPECT_EQ(got, want);
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

TEST(Channel, LenCountsBufferedValuesAndCapIsFixed) {
    std::vector<std::pair<std::size_t, std::size_t>> seen;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(3, "c");
        seen.emplace_back(c.len(), c.cap());
        c.send(1);
        c.send(2);
        seen.emplace_back(c.len(), c.cap());
        c.recv();
        seen.emplace_back(c.len(), c.cap());
        c.send(3);
        c.send(4);
        seen.emplace_back(c.len(), c.cap());
        c.close();
        seen.emplace_back(c.len(), c.cap());  // closing keeps what is buffered
    });
    using p = std::pair<std::size_t, std::size_t>;
    EXPECT_EQ(seen, (std::vector<p>{p{0, 3}, p{2, 3}, p{1, 3}, p{3, 3}, p{3, 3}}));
}

TEST(Channel, UnbufferedLenStaysZeroWithAWaitingSender) {
    auto c = cc::make_chan<int, S>(0, "c");
    ASSERT_TRUE(parks([c] { c.send(1); }, "send to c"));
    EXPECT_EQ(c.len(), 0u);
    EXPECT_EQ(c.cap(), 0u);
    expect_completes([c] { c.recv(); });
}

TEST(Channel, NegativeCapacityPanics) {
    bool panicked = false;
    cc::panic_kind kind{};
    expect_completes([&] {
        try {
            cc::make_chan<int, S>(-1);
        } catch (const cc::panic& p) {
            panicked = true;
            kind = p.kind();
        }
    });
    EXPECT_TRUE(panicked);
    EXPECT_EQ(kind, cc::panic_kind::bad_capacity);
}

TEST(Channel, RangeEndsWhenClosedAndDrained) {
    std::vector<int> got;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        cc::go<S>("producer", [c] {
            for (int i = 1; i <= 5; ++i) c.send(i);
            c.close();
        });
        for (int v : c) got.push_back(v);
    });
    EXPECT_EQ(got, (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST(Channel, RangeDrainsTheBufferOfAClosedChannel) {
    std::vector<int> got;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(4, "c");
        for (int i = 1; i <= 4; ++i) c.send(i);
        c.close();
        for (int v : c) got.push_back(v);
    });
    EXPECT_EQ(got, (std::vector<int>{1, 2, 3, 4}));
}

TEST(Channel, RangeOverAnOpenChannelWaitsForMore) {
    auto c = cc::make_chan<int, S>(2, "c");
    ASSERT_TRUE(parks(
        [c] {
            c.send(1);
            for (int v : c) (void)v;
        },
        "receive from c"));
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
