// Go's time.After: a channel that receives the current time once, after the
// duration has passed. On real threads it is a real timer. Under the
// explorer it may fire at any point after it was created (check --time any,
// which is how a requester that gives up waiting is found whatever the
// durations), or on Go's testing/synctest virtual clock (--time synctest).
//
//   chancheck::select({
//       chancheck::on_recv{responses, [&](int r) { got = r; }},
//       chancheck::on_recv{chancheck::after<S>(100ms), [&] { gave_up = true; }},
//   });
#pragma once

#include <chancheck/chan.hpp>
#include <chancheck/sync.hpp>

#include <chrono>
#include <source_location>

namespace chancheck {

template <class S, class Rep, class Period>
chan<time_point, S> after(std::chrono::duration<Rep, Period> d,
                          std::source_location loc = std::source_location::current()) {
    auto ch = make_chan<time_point, S>(1, "timer", loc);
    S::start_timer(std::chrono::duration_cast<std::chrono::nanoseconds>(d), ch.shared_impl(), loc);
    return ch;
}

// Go's time.Sleep. Orders nothing: with --time any a checker treats it as a
// point where any other goroutine may run; on the virtual clock it ends at
// its deadline.
template <class S, class Rep, class Period>
void sleep(std::chrono::duration<Rep, Period> d, std::source_location loc = std::source_location::current()) {
    S::sleep(std::chrono::duration_cast<std::chrono::nanoseconds>(d), loc);
}

}  // namespace chancheck
