// Running a model on real threads, many times: what `chancheck run` does.
// Real threads only see the schedules they happen to run, so the result
// counts how often each property was violated, never claims a proof.
//
//   auto summary = chancheck::run_model_on_threads(*model, params, {.iterations = 100});
//   if (summary.violations_seen()) std::cout << summary.first_failure_text;
//   check_result r = chancheck::threads_check_result(*model, params, opts, summary);  // for reports
#pragma once

#include <chancheck/check_result.hpp>
#include <chancheck/model.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace chancheck {

struct threads_run_options {
    long iterations = 100;
    std::uint64_t seed = 1;
    std::chrono::milliseconds stall_after{10'000};
};

struct threads_run_summary {
    long iterations_run = 0;
    // Per property: in how many iterations it was violated. Stalls count
    // against "terminates"; an exception escaping a goroutine against "panic"
    // (a Go panic) or "exception" (anything else).
    // In the model's order, then "panic", "exception" as they occur.
    std::vector<std::pair<std::string, long>> violated;
    bool stalled = false;                  // the run stopped at a stall
    long first_failure_iteration = 0;      // 1-based; 0 when none failed
    std::string first_failure_kind;        // as a counterexample's kind: assertion, panic, deadlock
    std::string first_failure_text;        // how that iteration ended, goroutine by goroutine
    std::string first_failure_message;     // what failed, without the goroutine listing
    source_line first_failure_where;       // its first violated property's check
    std::vector<blocked_goroutine> first_failure_blocked;
    std::vector<std::string> output;       // what the model printed in its first iteration
    double seconds = 0;

    bool violations_seen() const { return first_failure_iteration != 0; }
};

// One iteration of a program: its main, given where its output goes.
using program = std::function<void(const std::function<void(const std::string&)>& print)>;

threads_run_summary run_on_threads(const program& main, const std::vector<std::string>& properties,
                                   const threads_run_options& opts);
threads_run_summary run_model_on_threads(const model& m, const param_values& params, const threads_run_options& opts);

// The run as a report sees it: a counterexample when an iteration failed
// (with no schedule: real threads cannot replay one), bounded otherwise.
check_result threads_check_result(std::string name, std::vector<std::pair<std::string, std::string>> params,
                                  std::vector<std::string> properties, const threads_run_options& opts,
                                  const threads_run_summary& summary);

}  // namespace chancheck
