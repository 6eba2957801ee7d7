// Internal to the threads backend: goroutine records, the pool that keeps
// them alive for ever (a late unpark may still touch a finished goroutine's
// parker, as Go's runtime never frees a g), and the scope a run() owns.
#pragma once

#include <chancheck/threads/threads.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace chancheck::threads_detail {

struct scope;

struct record : locked::goroutine<threads_platform> {
    std::string name;
    bool daemon = false;
    std::shared_ptr<scope> owner;
};

struct scope {
    std::mutex m;
    std::condition_variable cv;
    std::vector<record*> members;  // goroutines of this scope still running
    std::vector<goroutine_failure> failures;
    std::vector<threads::violation_report> violations;
    long live = 0;                      // non-daemon goroutines not finished
    std::uint64_t finished_ops = 0;     // operations of goroutines that finished
    std::uint64_t seed = 1;
    std::uint64_t spawned = 0;
    bool abort_on_failure = false;      // the process-wide scope: fail like Go
    // Set by the first failure: the program is over, and each of its
    // goroutines stops at its next operation (threads_platform::current).
    std::atomic<bool> ended{false};
};

// What stops a goroutine of a run that has ended; only its entry catches it.
struct goroutine_stopped {};

// The scope of goroutines started outside any run(), and of foreign threads.
std::shared_ptr<scope> global_scope();

record* acquire_record();
void release_record(record* r);

// Operations completed by timers, which belong to no goroutine.
extern std::atomic<std::uint64_t> timer_fires;

}  // namespace chancheck::threads_detail
