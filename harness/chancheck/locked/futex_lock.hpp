// The lock and the parker of the lock-based runtime, written once over a
// futex policy F so that the code production runs is the code Relacy checks.
//
// Both wait in three stages, cheapest first. A channel hand-off is usually
// answered within a microsecond or two by a partner running on another core,
// so they first spin. When there are more runnable threads than cores (9
// goroutines on 2 cores, or a busy machine) the partner is likely waiting for
// *our* core, so next they yield a bounded number of times, which hands the
// core over at once. Only then do they sleep on a futex: a futex wake-up
// costs the waker a syscall (about 3 us on a KVM guest, with an IPI) and the
// sleeper several more before it runs, and a sleeper's partner that spins for
// less than that falls asleep in turn, so hand-offs that go through the
// kernel tend to stay there. Go's runtime lock spins, yields, then sleeps for
// the same reasons.
//
// F supplies `atomic<T>`, `wait(word, expected)` (sleep while word ==
// expected; may return spuriously), `wake_one(word)` (may wake more),
// `relax()`, `yield()`, and the budgets: the threads platform sizes them for
// a real machine (threads/platform.hpp), a checker shrinks them so that
// every stage is reached in a few steps.
//
//   locked::futex_lock<F> l;      l.lock(); ... l.unlock();
//   locked::futex_parker<F> p;    p.park();  // until some waker calls p.unpark()
#pragma once

#include <atomic>
#include <cstdint>

namespace chancheck::locked {

// Drepper's three-state futex mutex ("Futexes are tricky"): 0 free, 1 locked,
// 2 locked with sleepers.
template <class F>
class futex_lock {
public:
    void lock() {
        std::uint32_t c = 0;
        if (word_.compare_exchange_strong(c, 1, std::memory_order_acquire)) return;
        // Exponential backoff: a channel's sender and receiver take its lock
        // for a few cache misses each, back to back. Polling the word every
        // pause steals its cache line from the holder after each operation;
        // backing off lets the holder run several operations in a row, which
        // for a buffered channel more than doubled throughput.
        for (int spent = 0, step = 1; spent < F::lock_spins;) {
            for (int i = 0; i < step; ++i) F::relax();
            spent += step;
            if (step < F::max_backoff) step *= 2;
            if (try_acquire(c)) return;
        }
        // The holder is most likely preempted: let it run.
        for (int i = 0; i < F::lock_yields; ++i) {
            F::yield();
            if (try_acquire(c)) return;
        }
        if (c != 2) c = word_.exchange(2, std::memory_order_acquire);
        while (c != 0) {
            F::wait(word_, 2);
            c = word_.exchange(2, std::memory_order_acquire);
        }
    }
    void unlock() {
        if (word_.exchange(0, std::memory_order_release) == 2) F::wake_one(word_);
    }

private:
    // Leaves the word's last seen value in `c` when the lock is still held.
    bool try_acquire(std::uint32_t& c) {
        c = word_.load(std::memory_order_relaxed);
        return c == 0 && word_.compare_exchange_weak(c, 1, std::memory_order_acquire);
    }

    typename F::template atomic<std::uint32_t> word_{0};
};

// One-shot wake-up token: 0 empty, 1 notified, 2 sleeping. Each park()
// consumes exactly one unpark(). A late futex wake from a previous round only
// causes a spurious wake-up, which the loop absorbs.
template <class F>
class futex_parker {
public:
    void park() {
        for (int i = 0; i < F::park_spins; ++i) {
            if (consume()) return;
            F::relax();
        }
        for (int i = 0; i < F::park_yields; ++i) {
            if (consume()) return;
            F::yield();
        }
        std::uint32_t c = 0;
        if (word_.compare_exchange_strong(c, 2, std::memory_order_acquire))
            while (word_.load(std::memory_order_acquire) == 2) F::wait(word_, 2);
        word_.store(0, std::memory_order_relaxed);
    }
    void unpark() {
        if (word_.exchange(1, std::memory_order_acq_rel) == 2) F::wake_one(word_);
    }

private:
    bool consume() {
        if (word_.load(std::memory_order_acquire) != 1) return false;
        word_.store(0, std::memory_order_relaxed);
        return true;
    }

    typename F::template atomic<std::uint32_t> word_{0};
};

}  // namespace chancheck::locked
