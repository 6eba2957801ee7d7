// Checking a registered model with the explorer: what `chancheck check` and
// `chancheck replay` do, as a library call.
//
//   const model* m = registry::instance().find("shared-channels");
//   check_result r = check_model(*m, m->spec().parse({"requesters=4"}), {});
//   assert(r.outcome == verdict::proved && r.stats.executions == 24);
#pragma once

#include <chancheck/check_result.hpp>
#include <chancheck/explore/explorer.hpp>
#include <chancheck/model.hpp>

namespace chancheck {

check_result check_model(const model& m, const param_values& params, const explore_options& options);

// What the exhaustive search of the model would cost (explorer.hpp).
search_estimate estimate_model(const model& m, const param_values& params, const explore_options& options,
                               std::uint64_t paths);

}  // namespace chancheck
