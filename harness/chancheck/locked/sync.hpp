// Go's WaitGroup, Mutex, RWMutex and Cond on the lock-based runtime: the state
// machines of detail/sync_state.hpp behind an internal lock, blocking the way
// channels do (waiter on the stack, park, ownership handed over on wake-up).
//
//   locked::mutex<P> mu;
//   mu.lock(loc);
//   mu.unlock(loc);   // panics "sync: unlock of unlocked mutex" if not locked
#pragma once

#include <chancheck/detail/sync_state.hpp>
#include <chancheck/locked/goroutine.hpp>
#include <chancheck/panic.hpp>

#include <source_location>
#include <string>

namespace chancheck::locked {

// The shared shape of every blocking sync operation.
template <class P, class State>
class sync_object {
public:
    sync_object() = default;
    sync_object(const sync_object&) = delete;
    sync_object& operator=(const sync_object&) = delete;

protected:
    // Completes `try_now` under the lock, or enqueues with `enqueue` and
    // parks until a partner hands the operation over.
    template <class TryNow, class Enqueue>
    void acquire(goroutine<P>& g, op_kind op, const std::source_location& loc, TryNow try_now, Enqueue enqueue) {
        lock_.lock();
        if (try_now(state_)) {
            lock_.unlock();
            g.count_op();
            return;
        }
        sole_waiter<P> w(g, nullptr);
        enqueue(state_, w);
        park_on(g, w.parker, lock_, op, &name_, loc);
    }

    // Runs a releasing step; panics with `misuse` when the step says so.
    template <class Step>
    void release(panic_kind misuse, Step step) {
        goroutine<P>& g = P::current();  // first: a platform may stop the goroutine here
        detail::wake_list woken;
        lock_.lock();
        detail::sync_status s = step(state_, woken);
        lock_.unlock();
        if (s == detail::sync_status::misuse) throw panic(misuse);
        woken.for_each([](detail::waiter& w) { wake<P>(w); });
        g.count_op();
    }

    State state_;
    std::string name_;
    mutable typename P::lock lock_;
};

template <class P>
class wait_group : public sync_object<P, detail::wait_group_state> {
public:
    wait_group() { this->name_ = "WaitGroup"; }
    void add(long delta, const std::source_location& = std::source_location::current()) {
        this->release(panic_kind::negative_wait_group,
                      [delta](auto& s, detail::wake_list& w) { return s.add(delta, w); });
    }
    void done(const std::source_location& loc = std::source_location::current()) { add(-1, loc); }
    void wait(const std::source_location& loc = std::source_location::current()) {
        this->acquire(
            P::current(), op_kind::wait, loc, [](auto& s) { return s.try_wait() == detail::sync_status::done; },
            [](auto& s, detail::waiter& w) { s.enqueue(w); });
    }
};

template <class P>
class mutex : public sync_object<P, detail::mutex_state> {
public:
    mutex() { this->name_ = "Mutex"; }
    void lock(const std::source_location& loc = std::source_location::current()) { lock_as(P::current(), loc); }
    // For cond: relocking belongs to the wait that `g` started, so it must
    // complete even where a platform would stop g at a new operation (its
    // caller's unlock, while unwinding, expects the mutex held).
    void lock_as(goroutine<P>& g, const std::source_location& loc) {
        this->acquire(
            g, op_kind::lock, loc, [](auto& s) { return s.try_lock(); },
            [](auto& s, detail::waiter& w) { s.enqueue(w); });
    }
    void unlock(const std::source_location& = std::source_location::current()) {
        this->release(panic_kind::unlock_of_unlocked,
                      [](auto& s, detail::wake_list& w) { return s.unlock(w); });
    }
};

template <class P>
class rw_mutex : public sync_object<P, detail::rw_mutex_state> {
public:
    rw_mutex() { this->name_ = "RWMutex"; }
    void rlock(const std::source_location& loc = std::source_location::current()) {
        this->acquire(
            P::current(), op_kind::rlock, loc, [](auto& s) { return s.try_rlock(); },
            [](auto& s, detail::waiter& w) { s.enqueue_reader(w); });
    }
    void runlock(const std::source_location& = std::source_location::current()) {
        this->release(panic_kind::runlock_of_unlocked,
                      [](auto& s, detail::wake_list& w) { return s.runlock(w); });
    }
    void lock(const std::source_location& loc = std::source_location::current()) {
        this->acquire(
            P::current(), op_kind::lock, loc, [](auto& s) { return s.try_lock(); },
            [](auto& s, detail::waiter& w) { s.enqueue_writer(w); });
    }
    void unlock(const std::source_location& = std::source_location::current()) {
        this->release(panic_kind::rw_unlock_of_unlocked,
                      [](auto& s, detail::wake_list& w) { return s.unlock(w); });
    }
    // std::shared_lock support.
    void lock_shared() { rlock(); }
    void unlock_shared() { runlock(); }
};

template <class P>
class cond : public sync_object<P, detail::cond_state> {
public:
    explicit cond(mutex<P>& m) : m_(m) { this->name_ = "Cond"; }

    // Go's Wait: queue up before unlocking, so a Signal from whoever takes
    // the mutex next cannot be missed; park; lock again.
    void wait(const std::source_location& loc = std::source_location::current()) {
        goroutine<P>& g = P::current();
        sole_waiter<P> w(g, nullptr);
        this->lock_.lock();
        this->state_.enqueue(w);
        try {
            m_.unlock(loc);
        } catch (...) {
            this->state_.dequeue(w);
            this->lock_.unlock();
            throw;
        }
        park_on(g, w.parker, this->lock_, op_kind::wait, &this->name_, loc);
        m_.lock_as(g, loc);
    }
    // Neither can be misused: the panic kind is never raised.
    void signal(const std::source_location& = std::source_location::current()) {
        this->release(panic_kind::unlock_of_unlocked, [](auto& s, detail::wake_list& w) { return s.signal(w); });
    }
    void broadcast(const std::source_location& = std::source_location::current()) {
        this->release(panic_kind::unlock_of_unlocked, [](auto& s, detail::wake_list& w) { return s.broadcast(w); });
    }

private:
    mutex<P>& m_;
};

}  // namespace chancheck::locked
