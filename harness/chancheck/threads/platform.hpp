// The primitives the lock-based runtime (locked/) needs, for real threads:
// a spin-then-futex lock, a spin-then-futex parker, std::atomic.
//
// Both wait in three stages, cheapest first. A channel hand-off is usually
// answered within a microsecond or two by a partner running on another core,
// so they first spin with `pause`. When there are more runnable threads than
// cores (9 goroutines on 2 cores, or a busy machine) the partner is likely
// waiting for *our* core, so next they sched_yield() a bounded number of
// times, which hands the core over at once and costs one cheap syscall when
// nothing else wants it. Only then do they sleep on a futex: a futex wake-up
// costs the waker a syscall (about 3 us on a KVM guest, with an IPI) and the
// sleeper several more before it runs, and a sleeper's partner that spins for
// less than that falls asleep in turn, so hand-offs that go through the
// kernel tend to stay there. Go's runtime lock spins, yields, then sleeps for
// the same reasons.
//
// Budgets are counted in `pause` instructions and yields, sized on a 2-core
// KVM guest (pause ~19 ns, cross-core cache-line transfer ~100-250 ns,
// sched_yield ~0.3 us): the lock spins up to ~20 us, the parker ~2.5 us,
// then both yield; bench/vs-go measures the effect.
//
//   threads_platform::lock l;
//   l.lock(); ... l.unlock();
//   threads_platform::current().park();   // until some waker calls unpark()
#pragma once

#include <chancheck/locked/goroutine.hpp>
#include <chancheck/sync.hpp>

#include <atomic>
#include <cstdint>
#include <source_location>

#include <sched.h>

namespace chancheck::threads_detail {

void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected);
void futex_wake_one(std::atomic<std::uint32_t>& word);

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

// Drepper's three-state futex mutex ("Futexes are tricky"): 0 free, 1 locked,
// 2 locked with sleepers.
class spin_futex_lock {
public:
    void lock() {
        std::uint32_t c = 0;
        if (word_.compare_exchange_strong(c, 1, std::memory_order_acquire)) return;
        // Exponential backoff: a channel's sender and receiver take its lock
        // for a few cache misses each, back to back. Polling the word every
        // pause steals its cache line from the holder after each operation;
        // backing off lets the holder run several operations in a row, which
        // for a buffered channel more than doubled throughput.
        for (int spent = 0, step = 1; spent < spin_pauses;) {
            for (int i = 0; i < step; ++i) cpu_relax();
            spent += step;
            if (step < max_backoff) step *= 2;
            if (try_acquire(c)) return;
        }
        // The holder is most likely preempted: let it run.
        for (int i = 0; i < yields; ++i) {
            sched_yield();
            if (try_acquire(c)) return;
        }
        if (c != 2) c = word_.exchange(2, std::memory_order_acquire);
        while (c != 0) {
            futex_wait(word_, 2);
            c = word_.exchange(2, std::memory_order_acquire);
        }
    }
    void unlock() {
        if (word_.exchange(0, std::memory_order_release) == 2) futex_wake_one(word_);
    }

private:
    // Leaves the word's last seen value in `c` when the lock is still held.
    bool try_acquire(std::uint32_t& c) {
        c = word_.load(std::memory_order_relaxed);
        return c == 0 && word_.compare_exchange_weak(c, 1, std::memory_order_acquire);
    }

    static constexpr int spin_pauses = 1000;
    static constexpr int max_backoff = 128;
    static constexpr int yields = 4;
    std::atomic<std::uint32_t> word_{0};
};

// One-shot wake-up token: 0 empty, 1 notified, 2 sleeping. Each park()
// consumes exactly one unpark(). A late futex wake from a previous round only
// causes a spurious wake-up, which the loop absorbs.
class spin_futex_parker {
public:
    void park() {
        for (int i = 0; i < spin_pauses; ++i) {
            if (consume()) return;
            cpu_relax();
        }
        for (int i = 0; i < yields; ++i) {
            if (consume()) return;
            sched_yield();
        }
        std::uint32_t c = 0;
        if (word_.compare_exchange_strong(c, 2, std::memory_order_acquire))
            while (word_.load(std::memory_order_acquire) == 2) futex_wait(word_, 2);
        word_.store(0, std::memory_order_relaxed);
    }
    void unpark() {
        if (word_.exchange(1, std::memory_order_acq_rel) == 2) futex_wake_one(word_);
    }

private:
    bool consume() {
        if (word_.load(std::memory_order_acquire) != 1) return false;
        word_.store(0, std::memory_order_relaxed);
        return true;
    }

    // Spinning covers a partner that is running; longer waits mean it is not,
    // and then yielding is what lets it run.
    static constexpr int spin_pauses = 128;
    // Some 20 us when the core is otherwise idle: longer than a futex
    // wake-up takes to reach a sleeping partner, so a pair of goroutines
    // whose partner went to sleep once does not both stay asleep.
    static constexpr int yields = 64;
    std::atomic<std::uint32_t> word_{0};
};

}  // namespace chancheck::threads_detail

namespace chancheck {

struct threads_platform {
    using lock = threads_detail::spin_futex_lock;
    using parker = threads_detail::spin_futex_parker;
    template <class T>
    using atomic = std::atomic<T>;

    static locked::goroutine<threads_platform>& current() {
        if (current_) return *current_;
        return adopt_current_thread();
    }
    [[noreturn]] static void block_forever(op_kind op, const std::source_location& loc);

    // The goroutine running on this thread; threads that were not started by
    // go() (main, a test's thread) get a record on first use.
    static inline thread_local locked::goroutine<threads_platform>* current_ = nullptr;
    static locked::goroutine<threads_platform>& adopt_current_thread();
};

}  // namespace chancheck
