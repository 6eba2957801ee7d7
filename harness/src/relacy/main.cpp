// chancheck-relacy: the bundled models under the Relacy Race Detector, in a
// process of their own (Relacy replaces the heap and keeps global state; see
// chancheck/relacy/rl.hpp). `chancheck check MODEL --backend relacy` runs it
// and reads its JSON report back; it can also be run by hand.
//
//   chancheck-relacy shared-channels -p requesters=2 --strategy bounded --preemption-bound 2
//   chancheck-relacy shared-channels -p requesters=2 --json result.json
#include "result.hpp"
#include "run.hpp"

#include <chancheck/model.hpp>
#include <chancheck/reports/report.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace chancheck {
namespace {

struct settings {
    std::string model;
    std::vector<std::string> params;
    relacy_run::options run;
    std::string schedule;
    std::string json;
    bool list = false;
};

int run(settings& s) {
    if (s.list) {
        for (const model* m : registry::instance().all()) std::cout << m->name() << "\n";
        return 0;
    }
    if (s.model.empty()) throw usage_error("which model? (--list shows them)");
    const model* m = registry::instance().find(s.model);
    if (!m) throw usage_error("no model named \"" + s.model + "\" (--list shows them)");
    const param_values params = m->spec().parse(s.params);
    if (!s.schedule.empty()) {
        try {
            relacy_run::apply_schedule(s.schedule, s.run, s.run.size);
        } catch (const std::invalid_argument& e) {
            throw usage_error(std::string("--schedule: ") + e.what());
        }
        s.run.iterations = 1;
    }

    const model_args args{params, [](const std::string&) {}};
    const std::function<void()> program = [m, &args] { m->main_relacy(args); };
    const auto start = std::chrono::steady_clock::now();
    const relacy_run::outcome out = relacy_run::simulate(program, s.run);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (out.failure.kind == relacy_detail::failure_kind::capacity)
        throw usage_error(s.model + ": " + out.failure.message);

    check_result r = relacy_run::to_check_result(m->name(), params.pairs(), s.run, out, seconds);
    r.properties = m->spec().properties;
    if (s.json.empty()) {
        reports::write_text(std::cout, r);
    } else if (s.json == "-") {
        reports::write_json(std::cout, r);
    } else {
        reports::write_file_atomically(s.json, reports::to_string(r, "json"));
    }
    return exit_code(r);
}

}  // namespace
}  // namespace chancheck

int main(int argc, char** argv) {
    using namespace chancheck;
    settings s;
    CLI::App app{"chancheck-relacy: a model's channel implementation and pattern under the Relacy Race Detector",
                 "chancheck-relacy"};
    app.add_option("model", s.model, "The model to check");
    app.add_flag("--list", s.list, "List the models");
    app.add_option("-p,--param", s.params, "Set a model parameter: name=value (repeatable)")->take_all();
    app.add_option("--strategy", s.run.strategy,
                   "random: sampled iterations; bounded: every schedule with at most K preemptions; exhaustive: "
                   "every schedule (rarely finishes)")
        ->check(CLI::IsMember({"random", "bounded", "exhaustive"}))
        ->capture_default_str();
    app.add_option("--iterations", s.run.iterations, "random: iterations to run")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000'000}))
        ->capture_default_str();
    app.add_option("--preemption-bound", s.run.preemption_bound, "bounded: Relacy's context bound")
        ->check(CLI::Range(1u, 100u))
        ->capture_default_str();
    app.add_option("--depth-limit", s.run.depth_limit, "Scheduling points in one iteration before it counts as a livelock")
        ->check(CLI::Range(100u, 100'000'000u))
        ->capture_default_str();
    app.add_option("--schedule", s.schedule, "Replay a counterexample's schedule (STRATEGY:SIZE:STATE)");
    app.add_option("--progress", s.run.progress_path,
                   "Append Relacy's progress lines (every 65,536 iterations) to this file");
    app.add_option("--json", s.json, "Write the JSON report to this file (- for stdout) instead of the text report");
    app.footer(
        "Exit code: 0 proved (a full search finished), 1 counterexample, 3 bounded, 2 usage error.\n"
        "Examples:\n"
        "  chancheck-relacy shared-channels -p requesters=2\n"
        "  chancheck-relacy shared-channels -p requesters=2 -p response-capacity=1 --strategy bounded");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << "chancheck-relacy: " << e.what() << "\n";
        return 2;
    }
    try {
        return run(s);
    } catch (const std::exception& e) {
        std::cerr << "chancheck-relacy: " << e.what() << "\n";
        return 2;
    }
}
