// The primitives the lock-based runtime (locked/) needs, under Relacy: the
// very futex lock and parker real threads use (locked/futex_lock.hpp), over
// Relacy's atomics, so Relacy explores every interleaving and every
// memory-order outcome of the code production runs.
//
// Adapters, each as narrow as Relacy allows:
//  - `atomic<T>`: rl::atomic<T> behind std::atomic's member names, taking
//    std::memory_order; each access records its caller's file and line.
//  - the futex: Relacy's own futex wait set on an rl::atomic (the one its
//    pthread emulation uses), plus bookkeeping of who sleeps on which word,
//    so the end of the program is known (world.hpp). A wake-up wakes every
//    sleeper on the word: the futex contract allows it, the lock and the
//    parker loop on it.
//  - spinning and yielding: one round each (a spin step does nothing but
//    its atomic load, a yield is Relacy's yield), so every stage of the
//    three-stage wait is reached without multiplying the search.
//  - a select's poll order is rl::rand: every order is explored.
//  - the lock and the parker each carry a race-checked stand-in (an
//    rl::var) for the plain data they protect: a lock for the channel or
//    sync state behind it, the parker for the value and status a partner
//    hands over before waking it. That data is plain memory Relacy does not
//    see; its stand-in is written on every lock and every wake-up and read
//    after every wake-up, so a missing acquire or release in the lock or the
//    parker shows up as a data race.
//
//   relacy_platform::lock l;   l.lock(); ... l.unlock();   // inside a simulation
#pragma once

#include <chancheck/locked/futex_lock.hpp>
#include <chancheck/locked/goroutine.hpp>
#include <chancheck/relacy/rl.hpp>
#include <chancheck/sync.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <source_location>

namespace chancheck::relacy_detail {

// The caller's location, for Relacy's execution history.
inline rl::debug_info here(const char* func = __builtin_FUNCTION(), const char* file = __builtin_FILE(),
                           unsigned line = __builtin_LINE()) {
    return rl::debug_info(func, file, line);
}

constexpr rl::memory_order to_rl(std::memory_order mo) {
    switch (mo) {
        case std::memory_order_relaxed: return rl::mo_relaxed;
        case std::memory_order_consume: return rl::mo_consume;
        case std::memory_order_acquire: return rl::mo_acquire;
        case std::memory_order_release: return rl::mo_release;
        case std::memory_order_acq_rel: return rl::mo_acq_rel;
        case std::memory_order_seq_cst: return rl::mo_seq_cst;
    }
    return rl::mo_seq_cst;
}

template <class T>
class atomic {
public:
    atomic(T v = T{}) : a_(v) {}
    atomic(const atomic&) = delete;
    atomic& operator=(const atomic&) = delete;

    T load(std::memory_order mo = std::memory_order_seq_cst, rl::debug_info info = here()) const {
        return a_.load(to_rl(mo), info);
    }
    void store(T v, std::memory_order mo = std::memory_order_seq_cst, rl::debug_info info = here()) {
        a_.store(v, to_rl(mo), info);
    }
    T exchange(T v, std::memory_order mo = std::memory_order_seq_cst, rl::debug_info info = here()) {
        return a_.exchange(v, to_rl(mo), info);
    }
    bool compare_exchange_strong(T& expected, T desired, std::memory_order mo = std::memory_order_seq_cst,
                                 rl::debug_info info = here()) {
        return a_.compare_exchange_strong(expected, desired, to_rl(mo), info);
    }
    bool compare_exchange_strong(T& expected, T desired, std::memory_order mo, std::memory_order failure,
                                 rl::debug_info info = here()) {
        return a_.compare_exchange_strong(expected, desired, to_rl(mo), info, to_rl(failure), info);
    }
    bool compare_exchange_weak(T& expected, T desired, std::memory_order mo = std::memory_order_seq_cst,
                               rl::debug_info info = here()) {
        return a_.compare_exchange_weak(expected, desired, to_rl(mo), info);
    }

    // For the futex adapter.
    rl::atomic<T>& raw() { return a_; }

private:
    mutable rl::atomic<T> a_;
};

struct rl_futex {
    template <class T>
    using atomic = relacy_detail::atomic<T>;
    // Defined with the goroutine bookkeeping (world.cpp).
    static void wait(atomic<std::uint32_t>& word, std::uint32_t expected);
    static void wake_one(atomic<std::uint32_t>& word);
    static void relax() {}
    static void yield() { rl::yield(1, here()); }

    static constexpr int lock_spins = 1;
    static constexpr int max_backoff = 1;
    static constexpr int lock_yields = 1;
    static constexpr int park_spins = 1;
    static constexpr int park_yields = 1;
};

class guarded_lock : public locked::futex_lock<rl_futex> {
public:
    void lock() {
        locked::futex_lock<rl_futex>::lock();
        guarded_(here()).store(0);
    }

private:
    rl::var<int> guarded_{0};
};

class handoff_parker : public locked::futex_parker<rl_futex> {
public:
    void park() {
        locked::futex_parker<rl_futex>::park();
        (void)handed_over_(here()).load();
    }
    void unpark() {
        handed_over_(here()).store(0);
        locked::futex_parker<rl_futex>::unpark();
    }

private:
    rl::var<int> handed_over_{0};
};

}  // namespace chancheck::relacy_detail

namespace chancheck {

struct relacy_platform {
    using lock = relacy_detail::guarded_lock;
    using parker = relacy_detail::handoff_parker;
    template <class T>
    using atomic = relacy_detail::atomic<T>;

    static locked::goroutine<relacy_platform>& current();
    // Counted afresh in every iteration (world.cpp), so every iteration
    // locks a select's channels in the same order.
    static std::uint64_t next_channel_order();
    static std::size_t choose(locked::goroutine<relacy_platform>&, std::size_t n) {
        return rl::rand(static_cast<unsigned>(n));
    }
    [[noreturn]] static void block_forever(op_kind op, const std::source_location& loc);
    // One retry of a buffered channel's operation before queuing
    // (locked/channel.hpp): unlocking and locking again are the scheduling
    // points that matter, so the back-off itself is empty.
    static constexpr int retry_rounds = 1;
    static void back_off(int) {}
};

}  // namespace chancheck
