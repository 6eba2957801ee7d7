// Crash and watchdog reports: what a search that cannot go on still says.
#include "step_log.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <vector>

namespace chancheck::explore_detail::step_log {

namespace {

// Written by the explorer's thread only; read when it can no longer run.
// One slot per searching thread (a search with --jobs runs several), each
// with its own schedule: the crash handler prints the crashing thread's, the
// watchdog the one of the thread that stopped stepping.
struct slot {
    char schedule[1 << 16];
    std::size_t length = 0;
    std::atomic<bool> active{false};
    std::atomic<std::uint64_t> steps{0};
};
constexpr std::size_t max_slots = 256;
slot slots[max_slots];
std::atomic<std::size_t> slots_used{0};
std::atomic<double> watchdog_seconds{0};

// A thread's slot goes back to the pool when the thread ends: a process
// that starts worker threads search after search reuses them.
std::mutex pool_mutex;
std::vector<slot*> free_slots;
struct holder {
    slot* s = nullptr;
    ~holder() {
        if (!s) return;
        s->active = false;
        std::lock_guard<std::mutex> lock(pool_mutex);
        free_slots.push_back(s);
    }
};
thread_local holder mine;

slot& my_slot() {
    if (mine.s) return *mine.s;
    std::lock_guard<std::mutex> lock(pool_mutex);
    if (!free_slots.empty()) {
        mine.s = free_slots.back();
        free_slots.pop_back();
    } else {
        mine.s = &slots[std::min(slots_used.fetch_add(1), max_slots - 1)];
    }
    return *mine.s;
}

void write_all(const char* s, std::size_t n) {
    while (n > 0) {
        ssize_t w = ::write(2, s, n);
        if (w <= 0) return;
        s += w;
        n -= static_cast<std::size_t>(w);
    }
}
void write_text(const char* s) { write_all(s, std::strlen(s)); }

void write_schedule(const slot& s) {
    write_all(s.schedule, s.length);
    write_all("\n", 1);
}

extern "C" void on_crash(int sig) {
    if (mine.s && mine.s->active) {
        write_text("\nchancheck: the model crashed (");
        write_text(strsignal(sig));
        write_text(") under the explorer; the schedule up to the crash, for replay --schedule:\n");
        write_schedule(*mine.s);
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void install_crash_handlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Its own stack: a fiber that overflowed its stack has none left.
        static char alt[1 << 16];
        stack_t ss{};
        ss.ss_sp = alt;
        ss.ss_size = sizeof alt;
        ::sigaltstack(&ss, nullptr);
        struct sigaction sa {};
        sa.sa_handler = on_crash;
        sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
        for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::sigaction(sig, &sa, nullptr);
    });
}

// Every goroutine runs on the explorer's one thread: a goroutine blocked
// where the explorer cannot see stops them all, with no step ever again.
[[noreturn]] void watch() {
    std::uint64_t last[max_slots] = {};
    std::chrono::steady_clock::time_point since[max_slots];
    for (auto& t : since) t = std::chrono::steady_clock::now();
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto now = std::chrono::steady_clock::now();
        const double limit = watchdog_seconds.load();
        for (std::size_t i = 0; i < std::min(slots_used.load(), max_slots); ++i) {
            const slot& s = slots[i];
            const std::uint64_t now_steps = s.steps.load();
            if (now_steps != last[i] || !s.active || limit <= 0) {
                last[i] = now_steps;
                since[i] = now;
                continue;
            }
            if (std::chrono::duration<double>(now - since[i]).count() < limit) continue;
            write_text("\nchancheck: no step for the watchdog's limit: a goroutine is blocked in an operation not under "
                       "the explorer's control (a std::mutex, std::condition_variable, std::thread::join or I/O instead "
                       "of chancheck's channels and sync types), or has computed for that long without one. The "
                       "schedule up to there, for replay --schedule:\n");
            write_schedule(s);
            std::_Exit(4);
        }
    }
}

}  // namespace

void begin() {
    install_crash_handlers();
    slot& s = my_slot();
    s.length = 0;
    s.active = true;
    s.steps.fetch_add(1, std::memory_order_relaxed);
}

void note(const std::string& key) {
    slot& s = my_slot();
    s.steps.fetch_add(1, std::memory_order_relaxed);
    if (s.length + key.size() + 2 >= sizeof s.schedule) return;
    if (s.length > 0) s.schedule[s.length++] = ',';
    std::memcpy(s.schedule + s.length, key.data(), key.size());
    s.length += key.size();
}

void end() { my_slot().active = false; }

void arm_watchdog(double seconds) {
    watchdog_seconds = seconds;
    if (seconds <= 0) return;
    static std::once_flag once;
    std::call_once(once, [] { std::thread(watch).detach(); });
}

}  // namespace chancheck::explore_detail::step_log
