// The `explore` backend: pattern code compiled against it runs inside the
// explorer, where every visible operation (channel send, receive, close,
// select, lock, WaitGroup, go, sleep, timers) is one step the search
// chooses, and every access to shared<T> is checked for a data race.
// Operations forward to the execution running on this thread.
//
//   auto result = explorer(options).check([] { my_model<chancheck::explore>(); });
#pragma once

#include <chancheck/detail/describe_value.hpp>
#include <chancheck/explore/execution.hpp>
#include <chancheck/sync.hpp>

#include <chrono>
#include <concepts>
#include <functional>
#include <memory>
#include <ostream>
#include <source_location>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace chancheck {

namespace explore_detail {

execution& this_execution();

template <class T>
class typed_chan_object final : public chan_object {
public:
    typed_chan_object(std::size_t cap, std::string_view name)
        : chan_object(std::make_unique<detail::typed_chan_state<T>>(cap), name) {}

    void send(T& value, const std::source_location& loc) { channel_op(act::send, &value, loc); }
    bool recv(T& out, const std::source_location& loc) { return channel_op(act::recv, &out, loc); }
    bool offer(T& value) {
        select_case<chan_object> c{this, true, &value, false};
        pending_op op;
        op.kind = act::select;
        op.cases = std::span(&c, 1);
        op.has_default = true;
        this_execution().perform(op);
        return op.fired == 0;
    }
    void close(const std::source_location& loc) {
        pending_op op;
        op.kind = act::close;
        op.obj = this;
        op.loc = loc;
        this_execution().perform(op);
    }
    // A step of its own: it reads the buffer that sends and receives change.
    // cap() never changes, so it is not one.
    std::size_t len(const std::source_location& loc = std::source_location::current()) const {
        pending_op op;
        op.kind = act::len;
        op.obj = const_cast<typed_chan_object*>(this);
        op.loc = loc;
        this_execution().perform(op);
        return op.count;
    }
    std::size_t cap() const { return state().cap(); }
    std::string describe(const void* elem) const override { return detail::describe_value(*static_cast<const T*>(elem)); }

private:
    bool channel_op(act kind, void* elem, const std::source_location& loc) {
        pending_op op;
        op.kind = kind;
        op.obj = this;
        op.elem = elem;
        op.loc = loc;
        this_execution().perform(op);
        return op.ok;
    }
};

// A sync object's blocking or releasing call as one step; false when the
// call must go on waiting in a step of its own.
inline bool sync_step(act kind, object_base* obj, const std::source_location& loc, long delta = 0) {
    pending_op op;
    op.kind = kind;
    op.obj = obj;
    op.loc = loc;
    op.delta = delta;
    this_execution().perform(op);
    return op.ok;
}

}  // namespace explore_detail

struct explore {
    using channel_base = explore_detail::chan_object;
    template <class T>
    using channel = explore_detail::typed_chan_object<T>;

    class wait_group : explore_detail::wait_group_object {
    public:
        void add(long delta, const std::source_location& loc = std::source_location::current()) {
            explore_detail::sync_step(explore_detail::act::wg_add, this, loc, delta);
        }
        void done(const std::source_location& loc = std::source_location::current()) { add(-1, loc); }
        void wait(const std::source_location& loc = std::source_location::current()) {
            explore_detail::sync_step(explore_detail::act::wg_wait, this, loc);
        }
    };

    class cond;
    class mutex : explore_detail::mutex_object {
        friend class cond;

    public:
        void lock(const std::source_location& loc = std::source_location::current()) {
            explore_detail::sync_step(explore_detail::act::lock, this, loc);
        }
        void unlock(const std::source_location& loc = std::source_location::current()) {
            explore_detail::sync_step(explore_detail::act::unlock, this, loc);
        }
    };

    // Wait is two steps, as Go's Unlock; park; Lock is: queueing up while
    // unlocking (one step, so no Signal can slip in between), then waking
    // once signalled; re-locking is a lock of its own.
    class cond : explore_detail::cond_object {
    public:
        explicit cond(mutex& m) : m_(m) {}
        void wait(const std::source_location& loc = std::source_location::current()) {
            explore_detail::pending_op op;
            op.kind = explore_detail::act::cond_wait;
            op.obj = this;
            op.obj2 = static_cast<explore_detail::mutex_object*>(&m_);
            op.loc = loc;
            explore_detail::this_execution().perform(op);
            explore_detail::sync_step(explore_detail::act::cond_woken, this, loc);
            m_.lock(loc);
        }
        void signal(const std::source_location& loc = std::source_location::current()) {
            explore_detail::sync_step(explore_detail::act::cond_signal, this, loc);
        }
        void broadcast(const std::source_location& loc = std::source_location::current()) {
            explore_detail::sync_step(explore_detail::act::cond_broadcast, this, loc);
        }

    private:
        mutex& m_;
    };

    class rw_mutex : explore_detail::rw_mutex_object {
    public:
        // Each is the step Go's call makes, then, if it had to wait, the
        // step that ends the wait (rw_mutex_object says when).
        void rlock(const std::source_location& loc = std::source_location::current()) {
            if (!explore_detail::sync_step(explore_detail::act::rlock, this, loc))
                explore_detail::sync_step(explore_detail::act::rlock_wait, this, loc);
        }
        void runlock(const std::source_location& loc = std::source_location::current()) {
            explore_detail::sync_step(explore_detail::act::runlock, this, loc);
        }
        void lock(const std::source_location& loc = std::source_location::current()) {
            if (!explore_detail::sync_step(explore_detail::act::rw_lock, this, loc))
                explore_detail::sync_step(explore_detail::act::rw_lock_wait, this, loc);
        }
        void unlock(const std::source_location& loc = std::source_location::current()) {
            explore_detail::sync_step(explore_detail::act::rw_unlock, this, loc);
        }
        void lock_shared() { rlock(); }
        void unlock_shared() { runlock(); }
    };

    // Not a scheduling point: each access is checked against the accesses of
    // other goroutines that happen-before does not order with it.
    template <class T>
    class shared : explore_detail::shared_object {
    public:
        shared() = default;
        explicit shared(T v) : value_(std::move(v)) {}
        shared(const shared& o) : value_(o.value_) {}
        shared& operator=(const shared& o) {
            value_ = o.value_;
            return *this;
        }
        const T& read(const std::source_location& loc = std::source_location::current()) const {
            if (auto* ex = explore_detail::execution::current())
                ex->shared_read(const_cast<shared&>(*this), loc);
            return value_;
        }
        T& write(const std::source_location& loc = std::source_location::current()) {
            if (auto* ex = explore_detail::execution::current()) ex->shared_write(*this, loc);
            return value_;
        }

    private:
        T value_{};
    };

    template <class T>
    static std::shared_ptr<channel<T>> make_channel(std::size_t cap, std::string_view name,
                                                    const std::source_location&) {
        return std::make_shared<channel<T>>(cap, name);
    }

    static int select(std::span<select_case<channel_base>> cases, bool has_default, const std::source_location& loc);
    static void go(std::string name, std::function<void()> fn, go_options options, const std::source_location& loc);
    [[noreturn]] static void block_forever(op_kind op, const std::source_location& loc);
    static void start_timer(std::chrono::nanoseconds d, std::shared_ptr<channel<time_point>> ch,
                            const std::source_location& loc);
    static void sleep(std::chrono::nanoseconds d, const std::source_location& loc);
    static void violation(std::string_view property, std::string message, const std::source_location& loc);
};

static_assert(Sync<explore>);

}  // namespace chancheck
