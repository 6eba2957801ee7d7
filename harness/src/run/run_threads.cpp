// Runs a model on real threads N times and tallies the properties violated.
#include <chancheck/run_threads.hpp>

#include <mutex>
#include <set>

namespace chancheck {

threads_run_summary run_model_on_threads(const model& m, const param_values& params, const threads_run_options& opts) {
    threads_run_summary summary;
    for (const auto& p : m.spec().properties) summary.violated.emplace_back(p, 0);
    auto count = [&](const std::string& property) {
        for (auto& [name, n] : summary.violated)
            if (name == property) return void(++n);
        summary.violated.emplace_back(property, 1);
    };

    for (long it = 1; it <= opts.iterations; ++it) {
        auto lines = std::make_shared<std::pair<std::mutex, std::vector<std::string>>>();
        // Owned by main's goroutine: a run that ends early may leave it parked.
        auto args = std::make_shared<model_args>(model_args{params, [lines](const std::string& line) {
                                                                std::lock_guard lock(lines->first);
                                                                lines->second.push_back(line);
                                                            }});
        threads::run_result r = threads::run([&m, args] { m.main_threads(*args); },
                                             {opts.stall_after, opts.seed + static_cast<std::uint64_t>(it - 1)});
        ++summary.iterations_run;
        if (it == 1) {
            std::lock_guard lock(lines->first);
            summary.output = lines->second;
        }

        std::set<std::string> broken;
        for (const auto& v : r.violations) broken.insert(v.property);
        for (const auto& f : r.failures) broken.insert(f.is_panic() ? "panic" : "exception");
        if (r.how == threads::run_result::outcome::stalled) broken.insert("terminates");
        for (const auto& p : broken) count(p);

        if (!broken.empty() && summary.first_failure_iteration == 0) {
            summary.first_failure_iteration = it;
            summary.first_failure_text = r.describe();
        }
        // Goroutines stuck in a stalled run stay parked for good; stop
        // before every further iteration leaves more behind.
        if (r.how == threads::run_result::outcome::stalled) {
            summary.stalled = true;
            break;
        }
    }
    return summary;
}

}  // namespace chancheck
