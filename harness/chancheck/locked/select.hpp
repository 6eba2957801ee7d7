// Go's select on the lock-based runtime, as runtime/select.go does it:
// lock every channel involved in one global order (Go's is by address; here
// by creation, which is the same on every run; each channel once),
// poll the cases in a random order and complete the first ready one; else
// take default; else enqueue a waiter for every case, in that random order,
// unlock, park; when a partner has claimed one waiter and woken us, lock
// again and take the other waiters off their queues.
//
//   int i = locked::select<P>(cases, /*has_default=*/false, loc);
#pragma once

#include <chancheck/locked/channel.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <span>
#include <vector>

namespace chancheck::locked {

namespace select_detail {

// Small selects, the common case, use stack storage.
template <class T, std::size_t N = 8>
class small_buffer {
public:
    explicit small_buffer(std::size_t n) : heap_(n > N ? std::make_unique<T[]>(n) : nullptr) {}
    T* data() { return heap_ ? heap_.get() : local_.data(); }

private:
    std::array<T, N> local_{};
    std::unique_ptr<T[]> heap_;
};

}  // namespace select_detail

template <class P>
int select(std::span<select_case<channel_base<P>>> cases, bool has_default, const std::source_location& loc) {
    goroutine<P>& g = P::current();
    const std::size_t n = cases.size();

    select_detail::small_buffer<channel_base<P>*> order_buf(n);
    channel_base<P>** order = order_buf.data();
    std::size_t locks = 0;
    for (auto& c : cases)
        if (c.chan) order[locks++] = c.chan;
    std::sort(order, order + locks, [](auto* a, auto* b) { return a->order() < b->order(); });
    locks = static_cast<std::size_t>(std::unique(order, order + locks) - order);
    if (locks == 0) {
        if (has_default) return -1;
        P::block_forever(op_kind::nil_select, loc);
    }
    auto lock_all = [&] {
        for (std::size_t i = 0; i < locks; ++i) order[i]->lock().lock();
    };
    auto unlock_all = [&] {
        for (std::size_t i = locks; i-- > 0;) order[i]->lock().unlock();
    };

    // Poll order: a uniform random permutation (Fisher-Yates); the platform
    // draws, so a checker can explore every order.
    select_detail::small_buffer<int> poll_buf(n);
    int* poll = poll_buf.data();
    for (std::size_t i = 0; i < n; ++i) poll[i] = static_cast<int>(i);
    for (std::size_t i = n; i > 1; --i) std::swap(poll[i - 1], poll[P::choose(g, i)]);

    lock_all();
    for (std::size_t k = 0; k < n; ++k) {
        auto& c = cases[static_cast<std::size_t>(poll[k])];
        if (!c.chan) continue;
        detail::chan_step step = c.is_send ? c.chan->state().try_send(c.elem) : c.chan->state().try_recv(c.elem, c.ok);
        if (step.status == detail::chan_status::would_block) continue;
        unlock_all();
        if (step.status == detail::chan_status::closed) throw panic(panic_kind::send_on_closed);
        if (step.woken) wake<P>(*step.woken);
        g.count_op();
        return poll[k];
    }
    if (has_default) {
        unlock_all();
        g.count_op();
        return -1;
    }

    select_detail::small_buffer<detail::waiter> waiters_buf(n);
    detail::waiter* waiters = waiters_buf.data();
    g.prepare();
    // Queued in poll order: where several cases share a channel, the partner
    // that comes takes the first of them in its queue, so this order is the
    // choice among them (Go queues in its lock order, which it builds from
    // the poll order; with cases in source order the first always won).
    for (std::size_t k = 0; k < n; ++k) {
        const auto i = static_cast<std::size_t>(poll[k]);
        auto& c = cases[i];
        if (!c.chan) continue;
        waiters[i].owner = &g;
        waiters[i].elem = c.elem;
        waiters[i].case_index = static_cast<int>(i);
        if (c.is_send) c.chan->state().enqueue_send(waiters[i]);
        else c.chan->state().enqueue_recv(waiters[i]);
    }
    // park_on releases one lock; the others go first, in reverse order.
    for (std::size_t i = locks; i-- > 1;) order[i]->lock().unlock();
    park_on(g, g.parker(), order[0]->lock(), op_kind::select, &order[0]->name(), loc);

    lock_all();
    for (std::size_t i = 0; i < n; ++i)
        if (cases[i].chan) cases[i].chan->state().dequeue(waiters[i]);
    unlock_all();

    const int fired = g.fired();
    auto& c = cases[static_cast<std::size_t>(fired)];
    c.ok = waiters[fired].ok;
    if (c.is_send && !c.ok) throw panic(panic_kind::send_on_closed);
    return fired;
}

}  // namespace chancheck::locked
