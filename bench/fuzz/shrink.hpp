// Shrinking a program on which a search disagrees with the oracle: one
// small edit at a time (delete a statement or a select case, unroll a
// loop, drop a recover, lower a capacity, start one copy instead of two),
// kept when the search still disagrees the same way, until no edit is
// kept; then the objects and goroutines nothing uses are dropped.
//
//   program small = shrink(p, mode::reduced, "missed deadlock", limits, budget);
#pragma once

#include "outcomes.hpp"
#include "program.hpp"

#include <string>

namespace fuzz {

struct shrink_budget {
    int checks = 400;  // each runs the oracle and the mode once
    double seconds = 60;
};

// Whether p, under mode m, still disagrees with the oracle in a way that
// includes `signature` (one of difference::signature's entries).
bool still_disagrees(const program& p, mode m, const std::string& signature, const search_limits& limits);

program shrink(const program& p, mode m, const std::string& signature, const search_limits& limits,
               const shrink_budget& budget);

// The same program without unreachable goroutines and unused objects,
// renumbered (goroutines keep their names).
program compact(const program& p);

}  // namespace fuzz
