// A model under the explorer, labelled for its report.
#include <chancheck/check_model.hpp>

namespace chancheck {

check_result check_model(const model& m, const param_values& params, const explore_options& options) {
    // Output goes nowhere: a search runs the program thousands of times.
    model_args args{params, [](const std::string&) {}};
    check_result r = run_explorer([&m, &args] { m.main_explore(args); }, options);
    r.model = m.name();
    r.params = params.pairs();
    r.properties = m.spec().properties;
    r.build = CHANCHECK_BUILD_ID;
    return r;
}

search_estimate estimate_model(const model& m, const param_values& params, const explore_options& options,
                               std::uint64_t paths) {
    model_args args{params, [](const std::string&) {}};
    return estimate_search([&m, &args] { m.main_explore(args); }, options, paths);
}

}  // namespace chancheck
