// The `threads` backend: every goroutine is a std::thread, channels and sync
// types are the lock-based runtime (locked/) on futex primitives. This is
// what production code runs, and what the `tsan` preset instruments.
//
// `run()` runs a program the way `go run` would and tells how it ended:
// main runs as a goroutine; run() returns when main and every non-daemon
// goroutine have finished, when any goroutine failed (an exception escaped
// it: Go would crash the program here), or when nothing made progress for
// `stall_after` (then it lists what every goroutine is blocked on).
// Goroutines still alive then are abandoned, parked, as the process would
// have killed them. After a failure, which is the run's result, the others
// do not run on either: each stops at its next operation (a sleep at once),
// unwinding its stack; a `catch (...)` that swallows that only delays it.
//
//   auto result = chancheck::threads::run([] {
//       auto c = chancheck::make_chan<int, chancheck::threads>(0);
//       chancheck::go<chancheck::threads>("producer", [c] { c.send(1); });
//       c.recv();
//   });
//   if (!result.ok()) std::cerr << result.describe();
#pragma once

#include <chancheck/locked/channel.hpp>
#include <chancheck/locked/select.hpp>
#include <chancheck/locked/sync.hpp>
#include <chancheck/panic.hpp>
#include <chancheck/sync.hpp>
#include <chancheck/threads/platform.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <source_location>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chancheck {

struct threads {
    using platform = threads_platform;
    using channel_base = locked::channel_base<platform>;
    template <class T>
    using channel = locked::channel<T, platform>;
    using wait_group = locked::wait_group<platform>;
    using mutex = locked::mutex<platform>;
    using rw_mutex = locked::rw_mutex<platform>;
    using cond = locked::cond<platform>;

    // On real threads shared data is just the data; ThreadSanitizer sees the
    // accesses themselves.
    template <class T>
    class shared {
    public:
        shared() = default;
        explicit shared(T v) : value_(std::move(v)) {}
        const T& read(const std::source_location& = std::source_location::current()) const { return value_; }
        T& write(const std::source_location& = std::source_location::current()) { return value_; }

    private:
        T value_{};
    };

    template <class T>
    static std::shared_ptr<channel<T>> make_channel(std::size_t cap, std::string_view name,
                                                    const std::source_location&) {
        return std::make_shared<channel<T>>(cap, name);
    }

    static int select(std::span<select_case<channel_base>> cases, bool has_default,
                      const std::source_location& loc) {
        return locked::select<platform>(cases, has_default, loc);
    }

    static void go(std::string name, std::function<void()> fn, go_options options,
                   const std::source_location& loc);

    [[noreturn]] static void block_forever(op_kind op, const std::source_location& loc) {
        platform::block_forever(op, loc);
    }

    static void start_timer(std::chrono::nanoseconds d, std::shared_ptr<channel<time_point>> ch,
                            const std::source_location& loc);

    static void sleep(std::chrono::nanoseconds d, const std::source_location& loc);

    // Inside run(): recorded in the result, and the program goes on. Outside
    // any run() a violated property is fatal, like a failed assertion.
    static void violation(std::string_view property, std::string message, const std::source_location& loc);

    // --- running a program ---------------------------------------------------

    struct run_options {
        // No completed operation for this long counts as a stall; zero waits for ever.
        std::chrono::milliseconds stall_after{10'000};
        // Seeds every goroutine's select choices (goroutine k gets seed + k).
        std::uint64_t seed = 1;
    };

    struct goroutine_report {
        std::string name;
        bool daemon = false;
        bool finished = false;
        bool blocked = false;
        std::string waiting_on;  // "send on requests at file.cpp:12", when blocked
    };

    struct violation_report {
        std::string goroutine;
        std::string property;
        std::string message;
        std::string where;  // file:line
    };

    struct run_result {
        enum class outcome { completed, failed, stalled };
        outcome how = outcome::completed;
        std::vector<goroutine_failure> failures;
        std::vector<violation_report> violations;
        // Goroutines alive when run() returned (daemons included).
        std::vector<goroutine_report> alive;

        bool ok() const { return how == outcome::completed && violations.empty(); }
        // Human-readable: how it ended, each failure, what every live goroutine waits on.
        std::string describe() const;
    };

    static run_result run(std::function<void()> main, run_options options);
    static run_result run(std::function<void()> main) { return run(std::move(main), run_options{}); }

    // Seeds the calling thread's select choices (for tests that select outside run()).
    static void seed_current(std::uint64_t seed) { platform::current().seed(seed); }
};

static_assert(Sync<threads>);

}  // namespace chancheck
