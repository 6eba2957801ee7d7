// The explorer's inner loop, shared by the one-thread search (explorer.cpp)
// and the split one (split_search.cpp).
#pragma once

#include <chancheck/explore/explorer.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace chancheck::explore_detail {

std::unique_ptr<strategy> make_strategy(const strategy_options& o, int bound);

// Runs executions under `s` into `r` until the strategy is done, a limit
// cuts it (false, with the cut in r.cuts), `stop` is set (false) or one
// fails (r.cx, replayed with a trace; with o.on_execution the search goes
// on, and r.cx stays the first failure). `estimated`: the executions the
// search is expected to run, for a strategy that cannot tell how far it is
// (<= 0: unknown).
bool search(const std::function<void()>& main, const explore_options& o, strategy& s, check_result& r,
            std::chrono::steady_clock::time_point start, double estimated = 0,
            const std::atomic<bool>* stop = nullptr);

}  // namespace chancheck::explore_detail

namespace chancheck {

// The exhaustive search in parts: options.jobs threads over this process's
// shard (options.shard_index of options.shard_count), into `r`; true when
// every thread searched its units to the end.
bool search_split(const std::function<void()>& main, const explore_options& options, check_result& r,
                  std::chrono::steady_clock::time_point start);

}  // namespace chancheck
