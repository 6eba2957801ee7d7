// The explorer: runs a program under a search strategy, execution after
// execution, until the strategy has covered everything (a proof), a limit
// cut the search (bounded), or an execution failed (a counterexample with
// the schedule that replays it). With `on_execution` set it collects
// outcomes instead: a failure does not end the search.
//
//   explore_options o;                       // exhaustive, with reduction
//   check_result r = run_explorer([] { my_model<chancheck::explore>(); }, o);
#pragma once

#include <chancheck/check_result.hpp>
#include <chancheck/explore/strategy.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace chancheck {

// Where a search is, for a live progress line.
struct search_progress {
    std::uint64_t executions = 0;
    double seconds = 0;
    std::size_t depth = 0;       // steps in the latest execution
    double fraction_done = -1;   // 0..1, estimated; -1 when the strategy cannot tell
};

struct explore_options {
    explore_detail::strategy_options strategy;
    std::size_t max_steps = default_max_steps;  // per execution; longer is a livelock suspect
    // Whether main is a Go test function (the default: its goroutines go on
    // after it returns, and leak if left blocked) or a program's main.
    explore_detail::main_mode mode = explore_detail::main_mode::test;
    // Timers at any step, or on Go's testing/synctest virtual clock.
    explore_detail::time_mode time = explore_detail::time_mode::any;
    std::uint64_t max_executions = 0;     // 0: no limit
    double time_limit_seconds = 0;        // 0: no limit
    // No step for this long ends the process (exit code 4) saying a goroutine
    // is blocked where the explorer cannot see (a std::mutex, a join, I/O):
    // otherwise that would hang every goroutine for ever. 0: no watchdog.
    double watchdog_seconds = 60;
    // The exhaustive search split: `jobs` threads, and this process's part
    // `shard_index` of `shard_count` (the other parts run elsewhere; their
    // reports are merged). A shard's own verdict is never "proved".
    unsigned jobs = 1;
    std::uint64_t shard_index = 0;
    std::uint64_t shard_count = 1;
    // Called every `progress_interval` seconds or so while the search runs.
    std::function<void(const search_progress&)> progress;
    double progress_interval = 0.25;
    // Every execution the search runs to its end (not those it abandons as
    // covered) is passed here, and a failed one does not end the search: it
    // goes on until the strategy has covered everything, and the result
    // still carries the first counterexample. This is how the reduced and
    // the unreduced search are compared outcome for outcome. With jobs > 1
    // it is called from several threads at once, each time on the thread
    // that ran the execution (so a program's thread_local state is that
    // execution's).
    std::function<void(const explore_detail::execution_result&)> on_execution;
};

check_result run_explorer(const std::function<void()>& main, const explore_options& options);

// How long the exhaustive search of `options` would take, from `paths`
// random paths of its tree (strategies/estimate.cpp). An estimate, never a
// verdict: the paths' spread says how far to trust it, and a path cut by the
// step limit makes it a lower bound.
struct search_estimate {
    double executions = 0;
    double standard_error = 0;            // of `executions`, from the paths' spread
    double least = 0, most = 0;           // the fewest and most executions a single path implied
    double seconds = 0;
    std::uint64_t paths = 0;
    std::uint64_t failed_paths = 0;        // sampled paths that ended in a counterexample (any kind)
    std::uint64_t step_limited_paths = 0;  // of those, the ones cut by the step limit
};
search_estimate estimate_search(const std::function<void()>& main, const explore_options& options,
                                std::uint64_t paths = 1000);

// "0,1>2,3.1": the schedule of a counterexample, and back.
std::string format_schedule(const std::vector<explore_detail::event>& schedule);
// Throws std::invalid_argument naming the bad entry.
std::vector<explore_detail::event> parse_schedule(const std::string& text);

}  // namespace chancheck
