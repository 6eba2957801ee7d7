// Waiter records and wait queues shared by every blocking state machine.
//
// A `waiter` is one blocked operation of one goroutine on one object (Go's
// sudog). A goroutine blocked in a select has one waiter per case, all owned
// by the same `waiter_owner`; the first operation that reaches any of them
// must *claim* the owner, and the others are skipped. How a claim is made
// atomic is the backend's business (an atomic CAS on real threads, a plain
// store in the single-threaded explorer), which is why the state machines only
// call `try_claim` and never lock anything themselves.
//
//   waiter w{&me, &value, /*case_index=*/0};
//   queue.push_back(w);
//   ...
//   if (waiter* partner = queue.pop_claimed()) { /* hand over, then wake partner->owner */ }
#pragma once

#include <cstddef>

namespace chancheck::detail {

class waiter_owner {
public:
    // Returns true when this call won the owner for `case_index`; false when
    // another case (of the same select) has already fired.
    virtual bool try_claim(int case_index) = 0;

protected:
    ~waiter_owner() = default;
};

struct waiter {
    waiter_owner* owner = nullptr;
    // Send: the value to hand over (moved from). Receive: where to put it.
    void* elem = nullptr;
    int case_index = 0;
    // The owner's only waiter (a plain send, receive or lock, not a select
    // case): nothing else can complete it, so it needs no claim.
    bool sole = false;
    // Set by whoever completes the operation: false when a channel close
    // completed it (a receive gets the zero value, a send panics).
    bool ok = false;
    // Set when the waiter was taken off its queue by the partner operation.
    bool fired = false;

    waiter* next = nullptr;
    waiter* prev = nullptr;
    const class waiter_queue* queue = nullptr;  // the queue holding it, if any

    waiter() = default;
    waiter(waiter_owner* o, void* e, int index) : owner(o), elem(e), case_index(index) {}
    waiter(const waiter&) = delete;
    waiter& operator=(const waiter&) = delete;
};

// An intrusive FIFO of waiters (Go's waitq).
class waiter_queue {
public:
    bool empty() const { return head_ == nullptr; }
    std::size_t size() const { return size_; }
    waiter* front() const { return head_; }

    void push_back(waiter& w) {
        w.prev = tail_;
        w.next = nullptr;
        if (tail_) tail_->next = &w;
        else head_ = &w;
        tail_ = &w;
        w.queue = this;
        ++size_;
    }

    // A no-op unless `w` is on this queue.
    void remove(waiter& w) {
        if (w.queue != this) return;
        if (w.prev) w.prev->next = w.next;
        else head_ = w.next;
        if (w.next) w.next->prev = w.prev;
        else tail_ = w.prev;
        w.next = w.prev = nullptr;
        w.queue = nullptr;
        --size_;
    }

    // Dequeues the first waiter whose owner can still be claimed, dropping
    // the waiters of selects that already fired elsewhere on the way.
    waiter* pop_claimed() {
        while (waiter* w = head_) {
            remove(*w);
            if (w->sole || w->owner->try_claim(w->case_index)) {
                w->fired = true;
                return w;
            }
        }
        return nullptr;
    }

private:
    waiter* head_ = nullptr;
    waiter* tail_ = nullptr;
    std::size_t size_ = 0;
};

// Waiters completed by one state-machine step, to be woken by the backend
// once it has released its lock. Linked through `next`.
class wake_list {
public:
    void push(waiter& w) {
        w.next = head_;
        head_ = &w;
    }
    bool empty() const { return head_ == nullptr; }
    template <class F>
    void for_each(F f) {
        // Read `next` before waking: a woken owner may reuse its waiter at once.
        for (waiter* w = head_; w;) {
            waiter* n = w->next;
            f(*w);
            w = n;
        }
        head_ = nullptr;
    }

private:
    waiter* head_ = nullptr;
};

}  // namespace chancheck::detail
