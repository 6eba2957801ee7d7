// State machines of Go's sync.WaitGroup, sync.Mutex, sync.RWMutex and sync.Cond.
//
// Like the channel's (chan_state.hpp) they are written once, never lock and
// never park: each step either completes, returning the waiters it completed
// for the backend to wake, or says the caller must wait. Ownership is handed
// straight to a woken waiter, so a woken goroutine never has to retry.
//
//   mutex_state m;
//   assert(m.try_lock());
//   wake_list woken;
//   assert(m.unlock(woken) == sync_status::done);
#pragma once

#include <chancheck/detail/waiter.hpp>

namespace chancheck::detail {

enum class sync_status { done, would_block, misuse };

class wait_group_state {
public:
    long counter() const { return counter_; }

    // misuse: the counter went negative (Go panics).
    sync_status add(long delta, wake_list& woken) {
        counter_ += delta;
        if (counter_ < 0) return sync_status::misuse;
        if (counter_ == 0)
            while (waiter* w = waiters_.pop_claimed()) {
                w->ok = true;
                woken.push(*w);
            }
        return sync_status::done;
    }

    sync_status try_wait() const { return counter_ == 0 ? sync_status::done : sync_status::would_block; }
    void enqueue(waiter& w) { waiters_.push_back(w); }
    void dequeue(waiter& w) { waiters_.remove(w); }
    std::size_t waiting() const { return waiters_.size(); }

private:
    long counter_ = 0;
    waiter_queue waiters_;
};

class mutex_state {
public:
    bool locked() const { return locked_; }

    bool try_lock() {
        if (locked_) return false;
        locked_ = true;
        return true;
    }
    void enqueue(waiter& w) { waiters_.push_back(w); }
    void dequeue(waiter& w) { waiters_.remove(w); }

    // Hands the lock to the longest waiter (Go's starvation mode, which keeps
    // the order deterministic for a checker), else releases it.
    sync_status unlock(wake_list& woken) {
        if (!locked_) return sync_status::misuse;
        if (waiter* w = waiters_.pop_claimed()) {
            w->ok = true;
            woken.push(*w);
        } else {
            locked_ = false;
        }
        return sync_status::done;
    }
    std::size_t waiting() const { return waiters_.size(); }

private:
    bool locked_ = false;
    waiter_queue waiters_;
};

// Writer-preferring, as Go's: once a writer waits, new readers wait behind it;
// when a writer unlocks, the readers that queued meanwhile go first.
class rw_mutex_state {
public:
    int readers() const { return readers_; }
    bool writer() const { return writer_; }

    bool try_rlock() {
        if (writer_ || !writers_.empty()) return false;
        ++readers_;
        return true;
    }
    bool try_lock() {
        if (writer_ || readers_ > 0) return false;
        writer_ = true;
        return true;
    }
    void enqueue_reader(waiter& w) { readers_q_.push_back(w); }
    void enqueue_writer(waiter& w) { writers_.push_back(w); }
    void dequeue(waiter& w) {
        readers_q_.remove(w);
        writers_.remove(w);
    }

    sync_status runlock(wake_list& woken) {
        if (readers_ == 0) return sync_status::misuse;
        if (--readers_ == 0) admit_writer(woken);
        return sync_status::done;
    }

    sync_status unlock(wake_list& woken) {
        if (!writer_) return sync_status::misuse;
        writer_ = false;
        while (waiter* r = readers_q_.pop_claimed()) {
            ++readers_;
            r->ok = true;
            woken.push(*r);
        }
        if (readers_ == 0) admit_writer(woken);
        return sync_status::done;
    }

    std::size_t waiting_readers() const { return readers_q_.size(); }
    std::size_t waiting_writers() const { return writers_.size(); }

private:
    void admit_writer(wake_list& woken) {
        if (waiter* w = writers_.pop_claimed()) {
            writer_ = true;
            w->ok = true;
            woken.push(*w);
        }
    }

    int readers_ = 0;
    bool writer_ = false;
    waiter_queue readers_q_;
    waiter_queue writers_;
};

// A Cond's waiters, oldest first: Signal wakes the oldest (Go's notify list
// is a ticket queue), Broadcast all. Re-locking the mutex after the wake-up
// is the backend's, as in Go, where Wait is Unlock; park; Lock.
class cond_state {
public:
    void enqueue(waiter& w) { waiters_.push_back(w); }
    void dequeue(waiter& w) { waiters_.remove(w); }

    sync_status signal(wake_list& woken) {
        if (waiter* w = waiters_.pop_claimed()) {
            w->ok = true;
            woken.push(*w);
        }
        return sync_status::done;
    }
    sync_status broadcast(wake_list& woken) {
        while (waiter* w = waiters_.pop_claimed()) {
            w->ok = true;
            woken.push(*w);
        }
        return sync_status::done;
    }
    std::size_t waiting() const { return waiters_.size(); }

private:
    waiter_queue waiters_;
};

}  // namespace chancheck::detail
