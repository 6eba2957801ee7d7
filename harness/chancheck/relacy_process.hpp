// Checking a model with the relacy backend from any program: the check runs
// in the chancheck-relacy program (Relacy takes over its process's heap and
// global state, so nothing else links it), which writes its result as a
// JSON report; read back, it is the same check_result the explorer gives,
// rendered by every report format. Relacy's full and context-bound searches
// cannot be interrupted, so the time limit is enforced by ending the
// process, and the result is then bounded.
//
// chancheck-relacy is looked up in $CHANCHECK_RELACY, beside the calling
// program, then on PATH.
//
//   chancheck::relacy_request req{.model = "shared-channels", .params = {"requesters=2"}};
//   chancheck::check_result r = chancheck::check_relacy(req);
#pragma once

#include <chancheck/check_result.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace chancheck {

struct relacy_request {
    std::string model;
    std::vector<std::string> params;  // name=value
    std::string strategy = "random";  // random | bounded | exhaustive
    std::uint64_t iterations = 100'000;
    int preemption_bound = 2;
    double time_limit = 0;  // seconds; 0: none
    std::string schedule;   // replays it
};

// Throws usage_error when chancheck-relacy cannot be found or refuses the
// request (its one-line reason is on stderr), runtime_error when it fails.
check_result check_relacy(const relacy_request& req);

}  // namespace chancheck
