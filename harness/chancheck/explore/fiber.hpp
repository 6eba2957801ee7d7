// A goroutine under the explorer runs on a fiber: its own stack, switched to
// and from on one OS thread, so the explorer decides exactly which goroutine
// runs next and every execution is repeatable.
//
// The scheduler calls resume(); the goroutine runs until it calls suspend()
// (at its next visible operation) or its body returns. Destroying a fiber
// that is suspended unwinds its stack, running the destructors on it, so an
// abandoned execution leaks nothing. Stacks come from a per-thread pool: an
// exhaustive search creates the same goroutines thousands of times.
//
//   fiber f([] { ...; fiber::current()->suspend(); ...; });
//   f.resume();                      // runs to the suspend()
//   f.resume();                      // runs to the end
//   assert(f.finished());
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <utility>

namespace chancheck::explore_detail {

class fiber {
public:
    explicit fiber(std::function<void()> body);
    ~fiber();
    fiber(const fiber&) = delete;
    fiber& operator=(const fiber&) = delete;

    // From the scheduler: run until the body suspends or returns.
    void resume();
    // From inside the body: give control back to the scheduler.
    void suspend();

    bool finished() const { return finished_; }
    // What escaped the body, if anything (taken once).
    std::exception_ptr take_exception() { return std::exchange(escaped_, nullptr); }

    // The fiber running on this thread; nullptr in the scheduler.
    static fiber* current();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
    std::function<void()> body_;
    std::exception_ptr escaped_;
    bool finished_ = false;
    bool started_ = false;
};

}  // namespace chancheck::explore_detail
