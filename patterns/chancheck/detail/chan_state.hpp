// The channel state machine, written once for every backend.
//
// It holds what a Go channel is (runtime/chan.go's hchan): a ring buffer of
// `cap` slots, a FIFO of waiting senders, a FIFO of waiting receivers and a
// closed flag, and implements each operation as one step that either completes
// or says it would block. It never locks and never parks: the threads and
// relacy backends call it under the channel's lock and park on `would_block`;
// the explorer calls it as one schedulable event. Completed partners are
// returned, never woken here, so a backend can wake them after unlocking.
//
//   typed_chan_state<int> s(/*cap=*/1);
//   int v = 7;
//   assert(s.try_send(&v).status == chan_status::done);   // buffered
//   int out = 0; bool ok = false;
//   assert(s.try_recv(&out, ok).status == chan_status::done && out == 7 && ok);
#pragma once

#include <chancheck/detail/waiter.hpp>

#include <cstddef>
#include <memory>
#include <new>
#include <utility>

namespace chancheck::detail {

enum class chan_status {
    done,         // the operation completed
    would_block,  // nothing to pair with: the caller must wait (or take default)
    closed,       // send on a closed channel: the caller must panic
};

struct chan_step {
    chan_status status;
    waiter* woken = nullptr;  // the partner this step completed, to be woken
};

class chan_state {
public:
    explicit chan_state(std::size_t cap) : cap_(cap) {}
    virtual ~chan_state() = default;
    chan_state(const chan_state&) = delete;
    chan_state& operator=(const chan_state&) = delete;

    std::size_t cap() const { return cap_; }
    std::size_t len() const { return count_; }
    bool closed() const { return closed_; }

    // True when a receive would complete now: from the buffer, a waiting
    // sender, or a closed channel.
    bool recv_ready() const { return count_ > 0 || has_claimable(sendq_) || closed_; }

    // `src` points at a T to move from.
    chan_step try_send(void* src) {
        if (closed_) return {chan_status::closed};
        if (waiter* r = recvq_.pop_claimed()) {
            // Only possible with an empty buffer: hand the value straight over.
            move_elem(r->elem, src);
            r->ok = true;
            return {chan_status::done, r};
        }
        if (count_ < cap_) {
            buf_push(src);
            return {chan_status::done};
        }
        return {chan_status::would_block};
    }

    // `dst` points at a T to move into; `ok` is false for a closed, drained channel.
    chan_step try_recv(void* dst, bool& ok) {
        if (count_ > 0) {
            buf_pop(dst);
            ok = true;
            // A full buffer with a waiting sender: its value joins the tail,
            // so buffered FIFO order and sender FIFO order are both kept.
            if (waiter* s = sendq_.pop_claimed()) {
                buf_push(s->elem);
                s->ok = true;
                return {chan_status::done, s};
            }
            return {chan_status::done};
        }
        if (waiter* s = sendq_.pop_claimed()) {
            move_elem(dst, s->elem);
            s->ok = true;
            ok = true;
            return {chan_status::done, s};
        }
        if (closed_) {
            zero_elem(dst);
            ok = false;
            return {chan_status::done};
        }
        return {chan_status::would_block};
    }

    void enqueue_send(waiter& w) { sendq_.push_back(w); }
    void enqueue_recv(waiter& w) { recvq_.push_back(w); }
    // Takes a waiter that did not fire off whichever queue holds it.
    void dequeue(waiter& w) {
        sendq_.remove(w);
        recvq_.remove(w);
    }

    // Returns false for a close of a closed channel (the caller panics).
    // Every waiting receiver completes with the zero value and ok=false;
    // every waiting sender completes with ok=false and must panic.
    bool close(wake_list& woken) {
        if (closed_) return false;
        closed_ = true;
        while (waiter* r = recvq_.pop_claimed()) {
            zero_elem(r->elem);
            r->ok = false;
            woken.push(*r);
        }
        while (waiter* s = sendq_.pop_claimed()) {
            s->ok = false;
            woken.push(*s);
        }
        return true;
    }

    std::size_t waiting_senders() const { return sendq_.size(); }
    std::size_t waiting_receivers() const { return recvq_.size(); }

protected:
    virtual void buf_push(void* src) = 0;
    virtual void buf_pop(void* dst) = 0;
    virtual void move_elem(void* dst, void* src) = 0;
    virtual void zero_elem(void* dst) = 0;

    // The ring's fill and read index come first, next to the vtable
    // pointer, so that a buffered send or receive writes one cache line of
    // the state besides the slot.
    std::size_t count_ = 0;
    std::size_t head_ = 0;

private:
    // Exact where a select that fires leaves all its queues in the same step
    // (the explorer). Under per-channel locks a queued waiter may belong to a
    // select that just fired elsewhere; then this over-reports and the try_
    // operation, which claims, has the final word.
    static bool has_claimable(const waiter_queue& q) { return !q.empty(); }

    std::size_t cap_;
    bool closed_ = false;
    waiter_queue sendq_;
    waiter_queue recvq_;
};

template <class T>
class typed_chan_state final : public chan_state {
public:
    explicit typed_chan_state(std::size_t cap)
        : chan_state(cap), slots_(cap ? std::allocator<T>().allocate(cap) : nullptr) {}
    ~typed_chan_state() override {
        while (count_ > 0) {
            std::destroy_at(&slots_[head_]);
            advance(head_);
            --count_;
        }
        if (slots_) std::allocator<T>().deallocate(slots_, cap());
    }

private:
    void buf_push(void* src) override {
        std::size_t tail = head_ + count_;
        if (tail >= cap()) tail -= cap();
        std::construct_at(&slots_[tail], std::move(*static_cast<T*>(src)));
        ++count_;
    }
    void buf_pop(void* dst) override {
        T& slot = slots_[head_];
        *static_cast<T*>(dst) = std::move(slot);
        std::destroy_at(&slot);
        advance(head_);
        --count_;
    }
    void move_elem(void* dst, void* src) override {
        *static_cast<T*>(dst) = std::move(*static_cast<T*>(src));
    }
    void zero_elem(void* dst) override { *static_cast<T*>(dst) = T{}; }

    // A compare instead of `%`: a division costs more than the rest of a
    // buffered hand-off's arithmetic.
    void advance(std::size_t& i) const {
        if (++i == cap()) i = 0;
    }

    T* slots_;
};

}  // namespace chancheck::detail
