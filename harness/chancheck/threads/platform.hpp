// The primitives the lock-based runtime (locked/) needs, for real threads:
// a spin-then-futex lock, a spin-then-futex parker, std::atomic.
//
// Both spin briefly before sleeping because a channel hand-off is usually
// answered within a microsecond by a partner running on another core; going
// to the kernel at once would cost more than the wait (Go's runtime lock and
// its scheduler spin for the same reason).
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
        for (int i = 0; i < spins; ++i) {
            cpu_relax();
            c = 0;
            if (word_.load(std::memory_order_relaxed) == 0 &&
                word_.compare_exchange_weak(c, 1, std::memory_order_acquire))
                return;
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
    static constexpr int spins = 100;
    std::atomic<std::uint32_t> word_{0};
};

// One-shot wake-up token: 0 empty, 1 notified, 2 sleeping. Each park()
// consumes exactly one unpark(). A late futex wake from a previous round only
// causes a spurious wake-up, which the loop absorbs.
class spin_futex_parker {
public:
    void park() {
        for (int i = 0; i < spins; ++i) {
            if (word_.load(std::memory_order_acquire) == 1) {
                word_.store(0, std::memory_order_relaxed);
                return;
            }
            cpu_relax();
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
    static constexpr int spins = 2000;
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
