// Checking your own code from a test, the way loom::model does it: pass the
// program's main, written against the backend-neutral API as a template over
// `S`, and get the structured result. The same callable runs under the
// explorer (`check`, a proof or a counterexample) and on real threads
// (`run_threads`, which only samples schedules and never proves).
//
//   #include <chancheck/check.hpp>
//   #include <chancheck/gtest.hpp>
//
//   TEST(Pool, NeverLendsAConnectionTwice) {
//       auto model = []<chancheck::Sync S>() { pool_model<S>(3, 2); };
//       EXPECT_PROVED(chancheck::check(model));
//       chancheck::check_options bounded;
//       bounded.strategy.name = "bounded";
//       bounded.strategy.preemption_bound = 2;
//       EXPECT_PROVED(chancheck::check(model, bounded));   // fails: bounded is not a proof
//       EXPECT_COUNTEREXAMPLE(chancheck::run_threads(model, {.iterations = 100}), "assertion");
//   }
//
// A main that throws is an `assertion` counterexample naming the exception;
// one that returns while goroutines are still blocked is a `leak`; one that
// starts no goroutine is checked but warned about. A goroutine that blocks in
// something the explorer does not control (a std::mutex, std::thread::join,
// I/O) would stop every goroutine: after `watchdog_seconds` with no step the
// process exits (code 4) saying so, with the schedule that got there; the
// API used from a std::thread of the model's own throws, saying so.
//
// To replay a counterexample's schedule from a test:
//   chancheck::check_options o;
//   o.strategy.name = "replay";
//   o.strategy.schedule = chancheck::parse_schedule(r.cx->schedule);
#pragma once

#include <chancheck/check_result.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>
#include <chancheck/run_threads.hpp>
#include <chancheck/threads/threads.hpp>

#include <string>
#include <utility>

namespace chancheck {

struct check_options : explore_options {
    std::string name = "model";  // how reports call it
};

namespace detail {

// Calls `main` for backend S: a template lambda ([]<Sync S>() {...}) or a
// generic one taking the backend as a tag ([](auto s) { using S = decltype(s); }).
template <class S, class F>
void call_main(F& main) {
    if constexpr (requires { main.template operator()<S>(); }) main.template operator()<S>();
    else main(S{});
}

}  // namespace detail

template <class F>
check_result check(F main, const check_options& options = {}) {
    check_result r = run_explorer([&main] { detail::call_main<explore>(main); }, options);
    r.model = options.name;
    return r;
}

template <class F>
check_result run_threads(F main, const threads_run_options& options = {}, std::string name = "model") {
    auto body = [main](const std::function<void(const std::string&)>&) mutable { detail::call_main<threads>(main); };
    return threads_check_result(std::move(name), {}, {}, options, run_on_threads(body, {}, options));
}

}  // namespace chancheck
