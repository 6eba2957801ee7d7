// Crash and watchdog reports: what a search that cannot go on still says.
#include "step_log.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace chancheck::explore_detail::step_log {

namespace {

// Written by the explorer's thread only; read when it can no longer run.
char schedule[1 << 16];
std::size_t length = 0;
std::atomic<bool> active{false};
std::atomic<std::uint64_t> steps{0};
std::atomic<double> watchdog_seconds{0};

void write_all(const char* s, std::size_t n) {
    while (n > 0) {
        ssize_t w = ::write(2, s, n);
        if (w <= 0) return;
        s += w;
        n -= static_cast<std::size_t>(w);
    }
}
void write_text(const char* s) { write_all(s, std::strlen(s)); }

void write_schedule() {
    write_all(schedule, length);
    write_all("\n", 1);
}

extern "C" void on_crash(int sig) {
    if (active) {
        write_text("\nchancheck: the model crashed (");
        write_text(strsignal(sig));
        write_text(") under the explorer; the schedule up to the crash, for replay --schedule:\n");
        write_schedule();
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
    std::uint64_t last = steps.load();
    auto since = std::chrono::steady_clock::now();
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const std::uint64_t now_steps = steps.load();
        const auto now = std::chrono::steady_clock::now();
        const double limit = watchdog_seconds.load();
        if (now_steps != last || !active || limit <= 0) {
            last = now_steps;
            since = now;
            continue;
        }
        if (std::chrono::duration<double>(now - since).count() < limit) continue;
        write_text("\nchancheck: no step for the watchdog's limit: a goroutine is blocked in an operation not under "
                   "the explorer's control (a std::mutex, std::condition_variable, std::thread::join or I/O instead "
                   "of chancheck's channels and sync types), or has computed for that long without one. The "
                   "schedule up to there, for replay --schedule:\n");
        write_schedule();
        std::_Exit(4);
    }
}

}  // namespace

void begin() {
    install_crash_handlers();
    length = 0;
    active = true;
    steps.fetch_add(1, std::memory_order_relaxed);
}

void note(const std::string& key) {
    steps.fetch_add(1, std::memory_order_relaxed);
    if (length + key.size() + 2 >= sizeof schedule) return;
    if (length > 0) schedule[length++] = ',';
    std::memcpy(schedule + length, key.data(), key.size());
    length += key.size();
}

void end() { active = false; }

void arm_watchdog(double seconds) {
    watchdog_seconds = seconds;
    if (seconds <= 0) return;
    static std::once_flag once;
    std::call_once(once, [] { std::thread(watch).detach(); });
}

}  // namespace chancheck::explore_detail::step_log
