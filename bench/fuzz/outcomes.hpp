// Outcome sets of a fuzz program under each search, and how they must
// relate to the unreduced search's (the oracle).
//
// An execution's outcome (its fingerprint) is what does not depend on the
// order of independent steps: for an execution that ran to its end (none,
// deadlock, leak) the failure kind, what each goroutine noted, in order,
// and what each goroutine left blocked waits for; for one cut short by a
// panic, an assertion, a race or the step limit, only the kind and, for a
// panic, its text (which goroutine failed first, and what the others had
// done by then, is an accident of the order).
//
// The comparison follows from that. A complete unreduced search and a
// bounded search with every preemption allowed must give the same set. A
// reduced search (the default, split over threads, with symmetry) must too,
// except where an execution was cut short by a failure: there the reduced
// search, as the checker it is, only promises to find some failure, since
// a step that fails ends everything after it but counts as independent of
// the steps it cuts off. So when the oracle has such an outcome, a reduced
// search that found a failure too is "masked", not a disagreement.
//
//   outcome_set o = explore_outcomes(p, mode::oracle, limits);
//   outcome_set r = explore_outcomes(p, mode::reduced, limits);
//   difference d = compare(o, r, mode::reduced);
#pragma once

#include "program.hpp"

#include <chancheck/explore/execution.hpp>

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace fuzz {

enum class mode { oracle, reduced, jobs, bounded, symmetry };
const char* mode_name(mode m);

struct search_limits {
    std::uint64_t max_executions = 20'000;
    double seconds = 10;
    // Not a limit, but the same for every search compared: the clock.
    chancheck::explore_detail::time_mode time = chancheck::explore_detail::time_mode::any;
};

struct outcome_set {
    std::set<std::string> outcomes;
    // The same with the members of each group of interchangeable goroutines
    // renamed alike ("g2 0", "g2 1" -> "g2 *") and so sorted among
    // themselves: what the symmetry reduction is compared on.
    std::set<std::string> canonical;
    bool complete = false;  // the search covered everything, nothing cut
    std::uint64_t executions = 0;
    std::string error;  // what the search threw, if it did
};

outcome_set explore_outcomes(const program& p, mode m, const search_limits& limits);
// The same for a program written by hand: `body` runs once per execution and
// notes what it observes with fuzz::note (interpret.hpp); `main` says whether
// main's return ends the execution (explore_options::mode).
outcome_set explore_outcomes(const std::function<void()>& body, mode m, const search_limits& limits,
                             chancheck::explore_detail::main_mode main = chancheck::explore_detail::main_mode::test);

struct difference {
    std::vector<std::string> missed;  // in the oracle's set, not in the other
    std::vector<std::string> extra;   // in the other, not in the oracle's
    bool disagrees = false;
    bool masked = false;  // differs only where a failure cut executions short
    // "missed deadlock", "extra none", ...: what kind of outcome differs.
    std::set<std::string> signature;
};

difference compare(const outcome_set& oracle, const outcome_set& other, mode m);

}  // namespace fuzz
