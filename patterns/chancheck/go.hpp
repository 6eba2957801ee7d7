// Starting goroutines: `go<S>(name, fn)` is Go's `go fn()`. The name shows in
// every report and trace; a daemon goroutine may outlive main (see go_options).
//
//   chancheck::go<S>("coordinator", [=] { serve(requests, responses); });
//   chancheck::go<S>("ticker", [=] { for (;;) tick.send(1); }, {.daemon = true});
#pragma once

#include <chancheck/sync.hpp>

#include <functional>
#include <source_location>
#include <string>
#include <utility>

namespace chancheck {

template <class S, class F>
void go(std::string name, F&& fn, go_options options = {},
        std::source_location loc = std::source_location::current()) {
    S::go(std::move(name), std::function<void()>(std::forward<F>(fn)), options, loc);
}

}  // namespace chancheck
