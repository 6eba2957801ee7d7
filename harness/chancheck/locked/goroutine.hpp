// A goroutine as the lock-based runtime sees it: the owner of its waiters
// (claimed once per blocking operation), a parker to sleep on, and what it is
// blocked on for stall reports.
//
// This runtime (locked/) wraps the lock-free-of-locking state machines of
// patterns/chancheck/detail the way Go's runtime does: a lock per object,
// waiter records on the blocked goroutine's stack, park until a partner
// completes the operation. It is written once over a platform P that supplies
// the primitives (`P::lock`, `P::parker`, `P::atomic<T>`, `P::current()`): the
// threads backend instantiates it with futex-based ones, the relacy backend
// with Relacy's, so Relacy checks the very code production runs.
//
//   auto& g = P::current();
//   g.prepare();                  // before enqueuing a select's waiters
//   ... enqueue waiters, unlock ...
//   g.parker().park();            // returns once a partner claimed and woke us
//   int which = g.fired();        // the case (waiter) that completed
#pragma once

#include <chancheck/detail/waiter.hpp>
#include <chancheck/sync.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <source_location>
#include <string>

namespace chancheck::locked {

// What a goroutine is doing, readable from another thread (a watchdog).
struct goroutine_status {
    bool blocked = false;
    op_kind op = op_kind::send;
    const std::string* object = nullptr;
    const char* file = "";
    unsigned line = 0;
};

// The cache line size hot data is laid out for.
inline constexpr std::size_t cache_line = 64;

template <class P>
class goroutine : public detail::waiter_owner {
public:
    goroutine() = default;
    goroutine(const goroutine&) = delete;
    goroutine& operator=(const goroutine&) = delete;

    void prepare() { fired_.store(-1, std::memory_order_relaxed); }

    bool try_claim(int case_index) override {
        int expected = -1;
        return fired_.compare_exchange_strong(expected, case_index, std::memory_order_acq_rel,
                                              std::memory_order_acquire);
    }
    int fired() const { return fired_.load(std::memory_order_acquire); }

    // What a select parks on; a sole waiter brings its own (sole_waiter).
    typename P::parker& parker() { return parker_; }

    void blocking(op_kind op, const std::string* object, const std::source_location& loc) {
        op_.store(op, std::memory_order_relaxed);
        object_.store(object, std::memory_order_relaxed);
        file_.store(loc.file_name(), std::memory_order_relaxed);
        line_.store(loc.line(), std::memory_order_relaxed);
        blocked_.store(true, std::memory_order_release);
    }
    void unblocked() {
        blocked_.store(false, std::memory_order_relaxed);
        count_op();
    }
    void count_op() { ops_.store(ops_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }
    std::uint64_t ops() const { return ops_.load(std::memory_order_relaxed); }

    goroutine_status status() const {
        goroutine_status s;
        s.blocked = blocked_.load(std::memory_order_acquire);
        s.op = op_.load(std::memory_order_relaxed);
        s.object = object_.load(std::memory_order_relaxed);
        s.file = file_.load(std::memory_order_relaxed);
        s.line = line_.load(std::memory_order_relaxed);
        return s;
    }

    // xorshift64*: a select's poll order, seeded per goroutine so that a run
    // with a fixed seed is repeatable where the schedule allows.
    void seed(std::uint64_t s) { rng_ = s ? s : 0x9E3779B97F4A7C15ull; }
    std::uint64_t next_random() {
        rng_ ^= rng_ >> 12;
        rng_ ^= rng_ << 25;
        rng_ ^= rng_ >> 27;
        return rng_ * 0x2545F4914F6CDD1Dull;
    }

private:
    typename P::template atomic<int> fired_{-1};
    typename P::parker parker_;
    // Status is bookkeeping for reports, not synchronisation: plain std::atomic
    // on every platform, so a checker does not explore it.
    std::atomic<bool> blocked_{false};
    std::atomic<op_kind> op_{op_kind::send};
    std::atomic<const std::string*> object_{nullptr};
    std::atomic<const char*> file_{""};
    std::atomic<unsigned> line_{0};
    std::atomic<std::uint64_t> ops_{0};
    std::uint64_t rng_ = 0x9E3779B97F4A7C15ull;
};

// The waiter of a goroutine's only pending operation (a plain send,
// receive, lock or wait; a select's cases share the goroutine's parker), with
// the token its partner wakes it by, in one cache line on the blocked
// goroutine's stack. The partner writes the flags, the queue links and the
// token into the line the sleeper spins on, so a hand-off moves that line
// to the partner and back rather than a waiter line and a line of the
// goroutine record each way.
template <class P>
struct alignas(cache_line) sole_waiter : detail::waiter {
    sole_waiter(goroutine<P>& g, void* elem) : detail::waiter(&g, elem, 0) { sole = true; }
    typename P::parker parker;
};

// Wakes the owner of a completed waiter. Every sole waiter of this runtime
// is a sole_waiter<P>; every other belongs to a select's goroutine<P>.
template <class P>
void wake(detail::waiter& w) {
    if (w.sole) static_cast<sole_waiter<P>&>(w).parker.unpark();
    else static_cast<goroutine<P>*>(w.owner)->parker().unpark();
}

// Parks the current goroutine on `parker` after enqueuing waiters while
// holding `held`; releases `held` first. Returns once a partner woke it.
template <class P, class Lock>
void park_on(goroutine<P>& g, typename P::parker& parker, Lock& held, op_kind op, const std::string* object,
             const std::source_location& loc) {
    g.blocking(op, object, loc);
    held.unlock();
    parker.park();
    g.unblocked();
}

}  // namespace chancheck::locked
