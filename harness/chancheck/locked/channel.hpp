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

// One allocation: the lock alone on the first cache line, the state machine
// (in the derived channel) from the second on, its ring indices next to its
// vtable pointer. A goroutine waiting for the lock polls the lock's line;
// sharing it with the state pulled the state away from the holder in the
// middle of its operation (ping-pong took 200-320 ns a round trip, 125-210
// with the lock on its own line, in the same minutes). A buffered send or
// receive writes the lock's line and one line of the state besides the
// slot; with the lock and the state in two allocations it wrote three.
template <class P>
class alignas(cache_line) channel_base {
public:
    // `state` is the derived channel's member, not yet constructed: only its
    // address is kept here.
    channel_base(detail::chan_state& state, std::string_view name)
        : state_(state), order_(P::next_channel_order()),
          name_(std::make_unique<const std::string>(name.empty() ? std::string("chan") : std::string(name))) {}
    channel_base(const channel_base&) = delete;
    channel_base& operator=(const channel_base&) = delete;

    const std::string& name() const { return *name_; }
    std::size_t cap() const { return state_.cap(); }
    std::size_t len() const {
        lock_.lock();
        std::size_t n = state_.len();
        lock_.unlock();
        return n;
    }

    void close(const std::source_location&) {
        goroutine<P>& g = P::current();  // first: a platform may stop the goroutine here
        detail::wake_list woken;
        lock_.lock();
        bool ok = state_.close(woken);
        lock_.unlock();
        if (!ok) throw panic(panic_kind::close_of_closed);
        woken.for_each([](detail::waiter& w) { wake<P>(w); });
        g.count_op();
    }

    // For select: the state machine and its lock, taken in a global order.
    detail::chan_state& state() { return state_; }
    typename P::lock& lock() const { return lock_; }
    // That order: creation order, not addresses, so that under a checker
    // every run of a program locks the same way (an allocator need not hand
    // out addresses in the same order twice).
    std::uint64_t order() const { return order_; }

protected:
    template <class T>
    void send_value(T& value, const std::source_location& loc) {
        goroutine<P>& g = P::current();
        detail::chan_step step = locked_attempt([&] { return state_.try_send(&value); });
        if (step.status == detail::chan_status::would_block) {
            value_waiter<T> w(g, std::move(value));
            state_.enqueue_send(w);
            park_on(g, w.parker, lock_, op_kind::send, name_.get(), loc);
            if (!w.ok) throw panic(panic_kind::send_on_closed);
            return;
        }
        lock_.unlock();
        if (step.status == detail::chan_status::closed) throw panic(panic_kind::send_on_closed);
        if (step.woken) wake<P>(*step.woken);
        g.count_op();
    }

    template <class T>
    bool recv_value(T& out, const std::source_location& loc) {
        goroutine<P>& g = P::current();
        bool ok = false;
        detail::chan_step step = locked_attempt([&] { return state_.try_recv(&out, ok); });
        if (step.status == detail::chan_status::would_block) {
            value_waiter<T> w(g, T{});
            state_.enqueue_recv(w);
            park_on(g, w.parker, lock_, op_kind::recv, name_.get(), loc);
            out = std::move(w.value);
            return w.ok;
        }
        lock_.unlock();
        if (step.woken) wake<P>(*step.woken);
        g.count_op();
        return ok;
    }

    bool offer_erased(void* src) {
        lock_.lock();
        detail::chan_step step = state_.try_send(src);
        lock_.unlock();
        if (step.woken) wake<P>(*step.woken);
        return step.status == detail::chan_status::done;
    }

private:
    // A blocked send or receive keeps the value in its waiter, next to the
    // token: the partner moves it while writing that line anyway, instead of
    // touching one more line of the blocked goroutine's stack.
    template <class T>
    struct value_waiter : sole_waiter<P> {
        value_waiter(goroutine<P>& g, T&& v) : sole_waiter<P>(g, nullptr), value(std::move(v)) { this->elem = &value; }
        T value;
    };

    // Runs one try_ step of the state machine and returns with the lock held.
    // A buffered channel's sender that finds it full, or receiver that finds
    // it empty, needs no queued partner: the other side goes on without it.
    // So first it backs off and retries a few times, as crossbeam's channels
    // do. Queuing at once put a consumer slightly faster than its producer
    // in lockstep with it: parked on every value, handed each one directly
    // and woken, only to find the buffer empty again.
    template <class Attempt>
    detail::chan_step locked_attempt(Attempt attempt) {
        lock_.lock();
        detail::chan_step step = attempt();
        if (state_.cap() == 0) return step;
        for (int round = 0; round < P::retry_rounds && step.status == detail::chan_status::would_block; ++round) {
            lock_.unlock();
            P::back_off(round);
            lock_.lock();
            step = attempt();
        }
        return step;
    }

    alignas(cache_line) mutable typename P::lock lock_;
    alignas(cache_line) detail::chan_state& state_;
    std::uint64_t order_;
    std::unique_ptr<const std::string> name_;  // a pointer: the state follows within the line
};

template <class T, class P>
class channel : public channel_base<P> {
public:
    channel(std::size_t cap, std::string_view name) : channel_base<P>(typed_, name), typed_(cap) {}

    void send(T& value, const std::source_location& loc) { this->send_value(value, loc); }
    bool recv(T& out, const std::source_location& loc) { return this->recv_value(out, loc); }
    bool offer(T& value) { return this->offer_erased(&value); }

private:
    detail::typed_chan_state<T> typed_;
};

}  // namespace chancheck::locked
