// The primitives the lock-based runtime (locked/) needs, for real threads:
// the spin-yield-futex lock and parker of locked/futex_lock.hpp on Linux
// futexes, std::atomic, and the goroutine record of the calling thread.
//
//   threads_platform::lock l;
//   l.lock(); ... l.unlock();
//   threads_platform::current().park();   // until some waker calls unpark()
#pragma once

#include <chancheck/locked/futex_lock.hpp>
#include <chancheck/locked/goroutine.hpp>
#include <chancheck/sync.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
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

// The futex policy of real threads. Budgets are counted in `pause`
// instructions and yields, sized on a 2-core KVM guest (pause ~19 ns,
// cross-core cache-line transfer ~100-250 ns, sched_yield ~0.3 us): the lock
// spins up to ~20 us, the parker ~2.5 us, then both yield; bench/vs-go
// measures the effect.
struct os_futex {
    template <class T>
    using atomic = std::atomic<T>;
    static void wait(std::atomic<std::uint32_t>& word, std::uint32_t expected) { futex_wait(word, expected); }
    static void wake_one(std::atomic<std::uint32_t>& word) { futex_wake_one(word); }
    static void relax() { cpu_relax(); }
    static void yield() { sched_yield(); }

    static constexpr int lock_spins = 1000;
    static constexpr int max_backoff = 128;
    static constexpr int lock_yields = 4;
    // Spinning covers a partner that is running; longer waits mean it is not,
    // and then yielding is what lets it run.
    static constexpr int park_spins = 128;
    // Some 20 us when the core is otherwise idle: longer than a futex
    // wake-up takes to reach a sleeping partner, so a pair of goroutines
    // whose partner went to sleep once does not both stay asleep.
    static constexpr int park_yields = 64;
};

}  // namespace chancheck::threads_detail

namespace chancheck {

struct threads_platform {
    using lock = locked::futex_lock<threads_detail::os_futex>;
    using parker = locked::futex_parker<threads_detail::os_futex>;
    template <class T>
    using atomic = std::atomic<T>;

    // Every operation starts here, so this is where a goroutine of a run
    // that has failed stops (stop_if_run_ended).
    static locked::goroutine<threads_platform>& current() {
        if (current_) {
            stop_if_run_ended();
            return *current_;
        }
        return adopt_current_thread();
    }
    // A failure of any goroutine of a run() (a panic, or another exception
    // escaping it) ends the program, as in Go: from then on each of its
    // goroutines unwinds (with an exception of its own, which only the
    // goroutine's entry catches) at its next operation. Not while one is
    // already unwinding: a destructor that unlocks a mutex must not throw.
    static void stop_if_run_ended() {
        if (run_ended_ && run_ended_->load(std::memory_order_relaxed) && std::uncaught_exceptions() == 0)
            stop_current();
    }
    // Channels are locked together in the order they were made.
    static std::uint64_t next_channel_order() {
        static std::atomic<std::uint64_t> next{0};
        return next.fetch_add(1, std::memory_order_relaxed);
    }
    // A uniformly random index below n (a select's poll order).
    static std::size_t choose(locked::goroutine<threads_platform>& g, std::size_t n) {
        return static_cast<std::size_t>(g.next_random() % n);
    }
    [[noreturn]] static void block_forever(op_kind op, const std::source_location& loc);

    // A buffered channel's retries before queuing (locked/channel.hpp):
    // 1, 2, ... 64 pauses, some 3 us in all, about what a producer needs for
    // a few values.
    static constexpr int retry_rounds = 7;
    static void back_off(int round) {
        for (int i = 0; i < (1 << round); ++i) threads_detail::cpu_relax();
    }

    // The goroutine running on this thread; threads that were not started by
    // go() (main, a test's thread) get a record on first use.
    static inline thread_local locked::goroutine<threads_platform>* current_ = nullptr;
    static locked::goroutine<threads_platform>& adopt_current_thread();
    // Set once this goroutine's run() has failed; null outside run().
    static inline thread_local const std::atomic<bool>* run_ended_ = nullptr;
    [[noreturn]] static void stop_current();
};

}  // namespace chancheck
