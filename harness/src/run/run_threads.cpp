// Runs a model on real threads N times and tallies the properties violated.
#include <chancheck/run_threads.hpp>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <set>

namespace chancheck {

namespace {
source_line parse_where(const std::string& file_line) {
    const auto colon = file_line.rfind(':');
    if (colon == std::string::npos) return {file_line, 0};
    return {file_line.substr(0, colon), static_cast<unsigned>(std::strtoul(file_line.c_str() + colon + 1, nullptr, 10))};
}

std::string failure_message(const threads::run_result& r, long iteration, const threads_run_options& opts) {
    std::string text = "iteration " + std::to_string(iteration);
    if (r.how == threads::run_result::outcome::stalled)
        text += " stalled: no goroutine completed an operation for " + std::to_string(opts.stall_after.count()) + " ms";
    for (const auto& f : r.failures) text += std::string("\n") + f.what();
    for (const auto& v : r.violations)
        text += "\ngoroutine \"" + v.goroutine + "\": property " + v.property + " violated at " + v.where + ": " + v.message;
    return text;
}
}  // namespace

threads_run_summary run_on_threads(const program& main, const std::vector<std::string>& properties,
                                   const threads_run_options& opts) {
    const auto start = std::chrono::steady_clock::now();
    threads_run_summary summary;
    for (const auto& p : properties) summary.violated.emplace_back(p, 0);
    auto count = [&](const std::string& property) {
        for (auto& [name, n] : summary.violated)
            if (name == property) return void(++n);
        summary.violated.emplace_back(property, 1);
    };

    for (long it = 1; it <= opts.iterations; ++it) {
        auto lines = std::make_shared<std::pair<std::mutex, std::vector<std::string>>>();
        auto print = [lines](const std::string& line) {
            std::lock_guard lock(lines->first);
            lines->second.push_back(line);
        };
        // Owned by main's goroutine: a run that ends early may leave it
        // parked, and a timer may yet wake it after this returns.
        threads::run_result r = threads::run([body = std::make_shared<program>(main), print] { (*body)(print); },
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
            summary.first_failure_kind = broken.contains("panic")        ? "panic"
                                         : broken.contains("terminates") && broken.size() == 1 ? "deadlock"
                                                                                               : "assertion";
            summary.first_failure_text = r.describe();
            summary.first_failure_message = failure_message(r, it, opts);
            if (!r.violations.empty()) summary.first_failure_where = parse_where(r.violations.front().where);
            for (const auto& g : r.alive)
                if (g.blocked) {
                    // "send to responses at file:line"
                    const auto at = g.waiting_on.rfind(" at ");
                    blocked_goroutine b{g.name, g.waiting_on.substr(0, at), {}};
                    if (at != std::string::npos) b.where = parse_where(g.waiting_on.substr(at + 4));
                    summary.first_failure_blocked.push_back(std::move(b));
                }
        }
        // Goroutines stuck in a stalled run stay parked for good; stop
        // before every further iteration leaves more behind.
        if (r.how == threads::run_result::outcome::stalled) {
            summary.stalled = true;
            break;
        }
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

threads_run_summary run_model_on_threads(const model& m, const param_values& params, const threads_run_options& opts) {
    return run_on_threads(
        [&m, params](const std::function<void(const std::string&)>& print) { m.main_threads(model_args{params, print}); },
        m.spec().properties, opts);
}

check_result threads_check_result(std::string name, std::vector<std::pair<std::string, std::string>> params,
                                  std::vector<std::string> properties, const threads_run_options& opts,
                                  const threads_run_summary& summary) {
    check_result r;
    r.model = std::move(name);
    r.params = std::move(params);
    r.backend = "threads";
    r.strategy = "real threads, seed " + std::to_string(opts.seed);
    r.properties = std::move(properties);
    r.output = summary.output;
    r.stats.executions = static_cast<std::uint64_t>(summary.iterations_run);
    r.stats.seconds = summary.seconds;
    for (const auto& [property, n] : summary.violated) r.violations.push_back({property, static_cast<std::uint64_t>(n)});
    if (!summary.violations_seen()) {
        r.outcome = verdict::bounded;
        r.cuts.push_back("real threads run only the schedules they happen to: " + std::to_string(summary.iterations_run) +
                         " iterations, none failed");
        return r;
    }
    r.outcome = verdict::counterexample;
    counterexample cx;
    cx.kind = summary.first_failure_kind;
    cx.message = summary.first_failure_message;
    cx.where = summary.first_failure_where;
    cx.blocked = summary.first_failure_blocked;
    if (cx.where.file.empty() && !cx.blocked.empty()) cx.where = cx.blocked.front().where;
    r.cx = std::move(cx);
    return r;
}

}  // namespace chancheck
