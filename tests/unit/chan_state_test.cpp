// The channel state machine on its own: no threads, no backend.
#include <chancheck/detail/chan_state.hpp>

#include <gtest/gtest.h>

namespace chancheck::detail {
namespace {

struct owner : waiter_owner {
    int fired = -1;
    bool try_claim(int i) override {
        if (fired != -1) return false;
        fired = i;
        return true;
    }
};

TEST(ChanState, BufferedSendCompletesUntilFull) {
    typed_chan_state<int> s(2);
    int a = 1, b = 2, c = 3;
    EXPECT_EQ(s.try_send(&a).status, chan_status::done);
    EXPECT_EQ(s.try_send(&b).status, chan_status::done);
    EXPECT_EQ(s.try_send(&c).status, chan_status::would_block);
    EXPECT_EQ(s.len(), 2u);
}

TEST(ChanState, UnbufferedSendPairsWithWaitingReceiver) {
    typed_chan_state<int> s(0);
    owner o;
    int slot = 0;
    waiter w(&o, &slot, 0);
    s.enqueue_recv(w);
    int v = 42;
    chan_step step = s.try_send(&v);
    EXPECT_EQ(step.status, chan_status::done);
    EXPECT_EQ(step.woken, &w);
    EXPECT_EQ(slot, 42);
    EXPECT_TRUE(w.ok);
}

TEST(ChanState, WaiterOfFiredSelectIsSkipped) {
    typed_chan_state<int> s(0);
    owner done_elsewhere;
    done_elsewhere.fired = 3;
    int slot = 0;
    waiter w(&done_elsewhere, &slot, 0);
    s.enqueue_recv(w);
    int v = 1;
    EXPECT_EQ(s.try_send(&v).status, chan_status::would_block);
    EXPECT_EQ(slot, 0);
}

TEST(ChanState, FullBufferReceiveMovesWaitingSenderIntoTail) {
    typed_chan_state<int> s(1);
    int first = 1;
    ASSERT_EQ(s.try_send(&first).status, chan_status::done);
    owner o;
    int second = 2;
    waiter w(&o, &second, 0);
    s.enqueue_send(w);
    int out = 0;
    bool ok = false;
    chan_step step = s.try_recv(&out, ok);
    EXPECT_EQ(out, 1);
    EXPECT_EQ(step.woken, &w);
    EXPECT_EQ(s.len(), 1u);
    EXPECT_EQ(s.try_recv(&out, ok).status, chan_status::done);
    EXPECT_EQ(out, 2);
}

TEST(ChanState, CloseCompletesReceiversWithZeroAndSendersWithPanic) {
    typed_chan_state<int> s(0);
    owner r, snd;
    int slot = 7, v = 5;
    waiter wr(&r, &slot, 0), ws(&snd, &v, 0);
    s.enqueue_recv(wr);
    s.enqueue_send(ws);  // not possible in a real run; close must still settle both
    wake_list woken;
    EXPECT_TRUE(s.close(woken));
    EXPECT_EQ(slot, 0);
    EXPECT_FALSE(wr.ok);
    EXPECT_FALSE(ws.ok);
    int n = 0;
    woken.for_each([&](waiter&) { ++n; });
    EXPECT_EQ(n, 2);
    wake_list again;
    EXPECT_FALSE(s.close(again));
}

TEST(ChanState, DequeueTakesAWaiterOffOnlyTheQueueHoldingIt) {
    typed_chan_state<int> s(0);
    owner a, b;
    int slot_a = 0, value_b = 9;
    waiter recv_a(&a, &slot_a, 0), send_b(&b, &value_b, 0);
    s.enqueue_recv(recv_a);
    s.enqueue_send(send_b);
    s.dequeue(recv_a);
    EXPECT_EQ(s.waiting_receivers(), 0u);
    EXPECT_EQ(s.waiting_senders(), 1u);
    int out = 0;
    bool ok = false;
    EXPECT_EQ(s.try_recv(&out, ok).woken, &send_b);
    EXPECT_EQ(out, 9);
}

}  // namespace
}  // namespace chancheck::detail
