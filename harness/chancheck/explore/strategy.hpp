// How the explorer searches: a strategy decides which executions to run and,
// within each, which enabled event to take at every step. The explorer core
// (explorer.hpp) never names a strategy; each lives in its own file
// (strategies/): exhaustive (depth-first, with or without partial-order
// reduction), bounded (at most K preemptions), random, pct, replay, and an
// estimator of the exhaustive search's size.
//
//   auto s = make_strategy(options);
//   while (s->next_execution()) { execution ex(cfg, *s); s->finished(ex.run(main)); }
#pragma once

#include <chancheck/explore/execution.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace chancheck::explore_detail {

// An estimator's answer: how many executions the exhaustive search runs (the
// mean over the sampled paths), how far the paths disagree about it (the
// standard error of that mean), and the least and most a path said. -1: no
// estimate.
struct size_estimate {
    double executions = -1;
    double standard_error = 0;
    double least = 0;
    double most = 0;
};

class strategy : public picker {
public:
    virtual ~strategy() = default;
    // Prepares the next execution; false when the search is over.
    virtual bool next_execution() = 0;
    // The execution that was just run.
    virtual void finished(const execution_result&) {}
    // True when the executions run so far cover every behaviour: a proof,
    // if nothing else (a step, time or execution limit) cut the search.
    virtual bool complete() const = 0;
    // What this strategy left out by design ("preemption bound 2", ...).
    virtual std::vector<std::string> cuts() const { return {}; }
    // Executions abandoned because everything below had been covered.
    virtual std::uint64_t abandoned() const { return 0; }
    // How much of the search is done, 0..1, for a progress line; -1 when
    // the strategy cannot tell (a reduced search grows its own tree).
    virtual double fraction_done() const { return -1; }
    // An estimator's answer (size_estimate, above).
    virtual size_estimate estimated_executions() const { return {}; }
    // False when the execution just finished belongs to another part of a
    // split search (split_plan): it is neither counted nor reported.
    virtual bool owns_last() const { return true; }
};

// A search split into parts (processes, threads) that together cover it.
// Above `depth` every part walks the same tree with no reduction (every
// enabled step, with sleep sets: a backtrack point found below can then
// never lie above the split); each prefix of length `depth`, and each
// execution ending above it, is a unit, numbered in the order every part
// meets them. Unit u belongs to part u % count; below it the part runs the
// full reduced search.
struct split_plan {
    std::size_t depth = 0;  // 0: not split
    std::uint64_t index = 0;
    std::uint64_t count = 1;
    // Threads of one process searching one part claim its units first come,
    // first served (every thread meets them in the same order).
    std::atomic<std::uint64_t>* claims = nullptr;
    bool count_only = false;  // take no unit: only count them
};

// The share done of a fixed number of sampled executions.
inline double share_done(std::uint64_t total, std::uint64_t left) {
    return total ? 1.0 - static_cast<double>(left) / static_cast<double>(total) : 1.0;
}

// The share of a depth-first tree left of the current path, if sibling
// subtrees were the same size (Knuth's estimate): good enough to say
// "about a third done", not to plan by. `at(node)` gives the node's
// position among the choices the search will take there, and their number.
template <class Stack, class Position>
double fraction_left_of_path(const Stack& stack, Position at) {
    double done = 0, weight = 1;
    for (const auto& n : stack) {
        const auto [position, choices] = at(n);
        if (choices == 0) break;
        weight /= static_cast<double>(choices);
        done += weight * static_cast<double>(position);
    }
    return done;
}

struct strategy_options {
    std::string name = "exhaustive";  // exhaustive | bounded | random | pct | replay
    bool reduction = true;            // exhaustive: partial-order reduction
    bool symmetry = false;            // exhaustive: one of each orbit of interchangeable steps
    int preemption_bound = 2;         // bounded
    bool minimize = false;            // bounded: bound 0, 1, ... up to preemption_bound
    std::uint64_t iterations = 1000;  // random, pct
    std::uint64_t seed = 1;           // random, pct
    int pct_depth = 3;                // pct
    std::vector<event> schedule;      // replay
    split_plan split;                 // exhaustive
    // exhaustive: the search goes on past a failed execution
    // (explore_options::on_execution), so its races must be analysed too.
    bool past_failures = false;
};

std::unique_ptr<strategy> make_dfs(bool reduction, const split_plan& split = {}, bool past_failures = false);
// The units a split search at `split.depth` has (split.count_only): all,
// those that start with no step asleep (a whole subtree of their own, where
// the others may turn out to be covered by earlier units), and the most
// steps any execution took.
struct unit_count {
    std::uint64_t all = 0;
    std::uint64_t awake = 0;
    std::size_t longest = 0;
};
unit_count units_met(const strategy& dfs);
std::unique_ptr<strategy> make_bounded(int bound);
std::unique_ptr<strategy> make_random(std::uint64_t iterations, std::uint64_t seed);
std::unique_ptr<strategy> make_pct(std::uint64_t iterations, std::uint64_t seed, int depth);
// `numbered_by`: the table of the search that wrote the schedule, when its
// goroutine numbers are not this run's own (replay.cpp); nullptr when they are.
std::unique_ptr<strategy> make_replay(std::vector<event> schedule, const identity_table* numbered_by = nullptr);
std::unique_ptr<strategy> make_estimator(std::uint64_t paths, std::uint64_t seed);

}  // namespace chancheck::explore_detail
