// A channel of the lock-based runtime: the shared state machine
// (detail/chan_state.hpp) behind one lock, with Go's blocking protocol
// (runtime/chan.go): try the operation under the lock; if it would block,
// enqueue a waiter that lives on this goroutine's stack, unlock, park; the
// partner that completes it dequeues it, moves the value and wakes us.
//
//   locked::channel<int, P> c(0, "c");
//   int v = 1;
//   c.send(v, loc);            // blocks until a receiver takes it
//   int out; bool ok = c.recv(out, loc);
#pragma once

#include <chancheck/detail/chan_state.hpp>
#include <chancheck/locked/goroutine.hpp>
#include <chancheck/panic.hpp>
#include <chancheck/sync.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>

namespace chancheck::locked {

template <class P>
class channel_base {
public:
    channel_base(std::unique_ptr<detail::chan_state> state, std::string_view name)
        : state_(std::move(state)), name_(name.empty() ? std::string("chan") : std::string(name)),
          order_(P::next_channel_order()) {}
    channel_base(const channel_base&) = delete;
    channel_base& operator=(const channel_base&) = delete;

    const std::string& name() const { return name_; }
    std::size_t cap() const { return state_->cap(); }
    std::size_t len() const {
        lock_.lock();
        std::size_t n = state_->len();
        lock_.unlock();
        return n;
    }

    void close(const std::source_location&) {
        detail::wake_list woken;
        lock_.lock();
        bool ok = state_->close(woken);
        lock_.unlock();
        if (!ok) throw panic(panic_kind::close_of_closed);
        woken.for_each([](detail::waiter& w) { wake<P>(w); });
        P::current().count_op();
    }

    // For select: the state machine and its lock, taken in a global order.
    detail::chan_state& state() { return *state_; }
    typename P::lock& lock() const { return lock_; }
    // That order: creation order, not addresses, so that under a checker
    // every run of a program locks the same way (an allocator need not hand
    // out addresses in the same order twice).
    std::uint64_t order() const { return order_; }

protected:
    void send_erased(void* src, const std::source_location& loc) {
        goroutine<P>& g = P::current();
        lock_.lock();
        detail::chan_step step = state_->try_send(src);
        if (step.status == detail::chan_status::would_block) {
            detail::waiter w(&g, src, 0);
            w.sole = true;
            state_->enqueue_send(w);
            park_on(g, lock_, op_kind::send, &name_, loc);
            if (!w.ok) throw panic(panic_kind::send_on_closed);
            return;
        }
        lock_.unlock();
        if (step.status == detail::chan_status::closed) throw panic(panic_kind::send_on_closed);
        if (step.woken) wake<P>(*step.woken);
        g.count_op();
    }

    bool recv_erased(void* dst, const std::source_location& loc) {
        goroutine<P>& g = P::current();
        bool ok = false;
        lock_.lock();
        detail::chan_step step = state_->try_recv(dst, ok);
        if (step.status == detail::chan_status::would_block) {
            detail::waiter w(&g, dst, 0);
            w.sole = true;
            state_->enqueue_recv(w);
            park_on(g, lock_, op_kind::recv, &name_, loc);
            return w.ok;
        }
        lock_.unlock();
        if (step.woken) wake<P>(*step.woken);
        g.count_op();
        return ok;
    }

    bool offer_erased(void* src) {
        lock_.lock();
        detail::chan_step step = state_->try_send(src);
        lock_.unlock();
        if (step.woken) wake<P>(*step.woken);
        return step.status == detail::chan_status::done;
    }

private:
    std::unique_ptr<detail::chan_state> state_;
    std::string name_;
    std::uint64_t order_;
    mutable typename P::lock lock_;
};

template <class T, class P>
class channel : public channel_base<P> {
public:
    channel(std::size_t cap, std::string_view name)
        : channel_base<P>(std::make_unique<detail::typed_chan_state<T>>(cap), name) {}

    void send(T& value, const std::source_location& loc) { this->send_erased(&value, loc); }
    bool recv(T& out, const std::source_location& loc) { return this->recv_erased(&out, loc); }
    bool offer(T& value) { return this->offer_erased(&value); }
};

}  // namespace chancheck::locked
