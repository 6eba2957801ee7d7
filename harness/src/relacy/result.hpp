// What a Relacy search ended in, as chancheck's one result structure: the
// verdict (a Relacy run is bounded unless a full search completed), the
// counterexample's kind (Relacy's outcomes mapped onto chancheck's), and its
// execution history as the trace, with raw addresses named where the
// harness knows the object.
//
//   check_result r = relacy_run::to_check_result(model_name, params, options, outcome, seconds);
#pragma once

#include "run.hpp"

#include <chancheck/check_result.hpp>

#include <string>
#include <utility>
#include <vector>

namespace chancheck::relacy_run {

check_result to_check_result(const std::string& model, std::vector<std::pair<std::string, std::string>> params,
                             const options& o, const outcome& out, double seconds);

// "random:8:<Relacy state>": how a counterexample is replayed.
std::string schedule_of(const options& o, const outcome& out);
// The inverse; throws std::invalid_argument on a malformed schedule.
void apply_schedule(const std::string& schedule, options& o, std::size_t& size);

// Relacy's history text as trace events (exposed for tests).
std::vector<trace_event> parse_history(const std::string& history, const std::vector<std::string>& names,
                                       const std::vector<relacy_detail::world::object_label>& labels);

}  // namespace chancheck::relacy_run
