// Running a program under Relacy: one search (random, context-bounded or
// full), at one of the goroutine counts this program was built for, and
// what it ended in. Relacy's thread count is a template argument and its
// headers are heavy, so each size is one translation unit (size_*.cpp).
//
//   relacy_run::options o;  o.strategy = "bounded";  o.preemption_bound = 2;
//   relacy_run::outcome r = relacy_run::simulate([&] { model.main_relacy(args); }, o);
//   if (r.result != rl::test_result_success) std::cout << r.history;
#pragma once

#include "world.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace chancheck::relacy_run {

struct options {
    std::string strategy = "random";  // random | bounded | exhaustive
    std::uint64_t iterations = 100'000;  // random only
    unsigned preemption_bound = 2;      // bounded only
    unsigned depth_limit = 20'000;      // scheduling points in one iteration before "livelock"
    std::string initial_state;          // replays a final_state
    std::size_t size = 0;               // the build size to run at; 0: the smallest that fits
    // Relacy's progress lines ("P% (done/total)", every 65,536 iterations)
    // go to this file, flushed, so whoever ends a search that cannot be
    // interrupted still learns how far it got.
    std::string progress_path;
};

struct outcome {
    rl::test_result_e result = rl::test_result_success;
    std::size_t goroutines = 0;  // the build size that ran (main included)
    std::uint64_t iterations = 0;
    std::string final_state;     // replays the failing iteration
    std::string history;         // Relacy's execution history of the failure
    relacy_detail::failure_record failure;
    std::vector<relacy_detail::blocked_record> blocked;
    std::vector<std::string> names;  // goroutine names by Relacy thread index
    std::vector<relacy_detail::world::object_label> labels;
};

// The sizes built: the goroutines a program may have, main included.
const std::vector<std::size_t>& sizes();

// Runs at the smallest size the program fits (trying the next size when
// an iteration starts more goroutines than there is room for); a program too
// big for the largest size ends with failure.kind == capacity.
outcome simulate(const std::function<void()>& program, const options& o);

// One size, one search (size_*.cpp).
template <std::size_t Goroutines>
outcome simulate_at(const std::function<void()>& program, const options& o);

}  // namespace chancheck::relacy_run
