// The `relacy` backend: the lock-based runtime (locked/) that real threads
// run, instantiated with Relacy's primitives (platform.hpp), so the Relacy
// Race Detector explores the channel implementation itself under the C++
// memory model: its lock, its waiter queues, its parking, every atomic.
// The explorer proves properties of the *patterns* and treats each channel
// operation as one step; this backend looks *inside* the steps.
//
// Goroutines are Relacy threads (a fixed number per build: the runner,
// harness/src/relacy, instantiates a few sizes); a program ends as a Go
// program does, when main returns, once every other goroutine has either
// finished or is asleep (a non-daemon asleep then is a leak). shared<T> is
// race-checked by Relacy through a shadow rl::var. A timer is a goroutine
// that fires at any point Relacy chooses; sleep is a yield.
//
// Only the chancheck-relacy program includes this (see rl.hpp for why):
//
//   chancheck::relacy_run::options o;   // harness/src/relacy/run.hpp
//   auto outcome = chancheck::relacy_run::simulate([] { model::main<chancheck::relacy>(args); }, o);
#pragma once

#include <chancheck/detail/describe_value.hpp>
#include <chancheck/locked/channel.hpp>
#include <chancheck/locked/select.hpp>
#include <chancheck/locked/sync.hpp>
#include <chancheck/relacy/platform.hpp>
#include <chancheck/sync.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <source_location>
#include <span>
#include <string>
#include <string_view>

namespace chancheck {

struct relacy {
    using platform = relacy_platform;
    using channel_base = locked::channel_base<platform>;
    // The runtime's channel, which also writes each completed operation into
    // Relacy's execution history, so a counterexample's trace shows the
    // pattern's sends and receives among the runtime's atomic steps.
    template <class T>
    class channel : public locked::channel<T, platform> {
        using base = locked::channel<T, platform>;

    public:
        using base::base;
        void send(T& value, const std::source_location& loc) {
            const bool tracing = rl::ctx().collecting_history();
            const std::string v = tracing ? detail::describe_plain_value(value) : std::string();
            base::send(value, loc);
            if (tracing) note("send", this->name(), v, loc);
        }
        bool recv(T& out, const std::source_location& loc) {
            const bool ok = base::recv(out, loc);
            if (rl::ctx().collecting_history())
                note("receive", this->name(), ok ? detail::describe_plain_value(out) : "(closed)", loc);
            return ok;
        }
        void close(const std::source_location& loc) {
            base::close(loc);
            if (rl::ctx().collecting_history()) note("close", this->name(), "", loc);
        }
    };
    // One pattern-level event in Relacy's history: "[op] object: value".
    static void note(const char* op, const std::string& object, const std::string& value,
                     const std::source_location& loc);
    // The sync types, named in the execution history by their kind.
    struct wait_group : locked::wait_group<platform> {
        wait_group() { label(this, sizeof *this, "WaitGroup"); }
    };
    struct mutex : locked::mutex<platform> {
        mutex() { label(this, sizeof *this, "Mutex"); }
    };
    struct rw_mutex : locked::rw_mutex<platform> {
        rw_mutex() { label(this, sizeof *this, "RWMutex"); }
    };
    struct cond : locked::cond<platform> {
        explicit cond(mutex& m) : locked::cond<platform>(m) { label(this, sizeof *this, "Cond"); }
    };

    // The value itself is plain; every access also touches a shadow rl::var,
    // which is where Relacy looks for races (rl::var cannot hand out a
    // reference to its value).
    template <class T>
    class shared {
    public:
        shared() = default;
        explicit shared(T v) : value_(std::move(v)) {}
        shared(const shared& o) : value_(o.value_) {}
        shared& operator=(const shared& o) {
            value_ = o.value_;
            return *this;
        }
        const T& read(const std::source_location& loc = std::source_location::current()) const {
            shadow_(info(loc)).load();
            return value_;
        }
        T& write(const std::source_location& loc = std::source_location::current()) {
            shadow_(info(loc)).store(0);
            return value_;
        }

    private:
        static rl::debug_info info(const std::source_location& loc) {
            return rl::debug_info(loc.function_name(), loc.file_name(), loc.line());
        }
        T value_{};
        mutable rl::var<int> shadow_{0};
    };

    template <class T>
    static std::shared_ptr<channel<T>> make_channel(std::size_t cap, std::string_view name,
                                                    const std::source_location&) {
        auto ch = std::make_shared<channel<T>>(cap, name);
        label(ch.get(), sizeof(channel<T>), "chan " + ch->name());
        return ch;
    }
    // Names an object for the execution history, which shows addresses.
    static void label(const void* object, std::size_t size, const std::string& name);

    static int select(std::span<select_case<channel_base>> cases, bool has_default,
                      const std::source_location& loc) {
        const int fired = locked::select<platform>(cases, has_default, loc);
        if (rl::ctx().collecting_history()) {
            if (fired < 0) {
                note("select", "default", "", loc);
            } else {
                const auto& c = cases[static_cast<std::size_t>(fired)];
                note(c.is_send ? "select send" : "select receive", c.chan->name(), c.is_send || c.ok ? "" : "(closed)",
                     loc);
            }
        }
        return fired;
    }

    static void go(std::string name, std::function<void()> fn, go_options options,
                   const std::source_location& loc);

    [[noreturn]] static void block_forever(op_kind op, const std::source_location& loc) {
        platform::block_forever(op, loc);
    }

    static void start_timer(std::chrono::nanoseconds d, std::shared_ptr<channel<time_point>> ch,
                            const std::source_location& loc);

    static void sleep(std::chrono::nanoseconds d, const std::source_location& loc);

    // Ends the iteration as a counterexample (Relacy's user assertion).
    [[noreturn]] static void violation(std::string_view property, std::string message,
                                       const std::source_location& loc);
};

static_assert(Sync<relacy>);

}  // namespace chancheck
