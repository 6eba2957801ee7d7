// `chancheck run`: a model on real threads, N times, with a tally per property.
#include "commands.hpp"

#include <chancheck/model.hpp>
#include <chancheck/run_threads.hpp>

#include <iostream>
#include <memory>

namespace chancheck::cli {

namespace {

struct run_settings {
    std::string model;
    bool all = false;
    std::vector<std::string> params;
    long iterations = 100;
    std::uint64_t seed = 1;
    double stall_after = 10;
    report_settings report;
};

check_result run_one(const model& m, const param_values& params, const run_settings& s) {
    threads_run_options opts;
    opts.iterations = s.iterations;
    opts.seed = s.seed;
    opts.stall_after = std::chrono::milliseconds(static_cast<long long>(s.stall_after * 1000));
    check_result r = threads_check_result(m.name(), params.pairs(), m.spec().properties, opts,
                                          run_model_on_threads(m, params, opts));
    r.program = program_name();
    return r;
}

}  // namespace

action add_run_command(CLI::App& app) {
    auto s = std::make_shared<run_settings>();
    CLI::App* cmd = app.add_subcommand("run", "Run a model on real threads, many times, and count property violations");
    cmd->add_option("model", s->model, "The model to run (see `chancheck list`)");
    cmd->add_flag("--all", s->all, "Run every registered model at its default parameters");
    cmd->add_option("-p,--param", s->params, "Set a model parameter: name=value (repeatable)")->take_all();
    cmd->add_option("--iterations", s->iterations, "How many times to run the program")
        ->check(CLI::Range(1L, 100'000'000L))
        ->capture_default_str();
    cmd->add_option("--seed", s->seed, "Seed for select choices (iteration k uses seed+k-1)")->capture_default_str();
    cmd->add_option("--stall-after", s->stall_after,
                    "Seconds with no goroutine completing an operation before the run counts as stalled")
        ->check(CLI::Range(0.01, 3600.0))
        ->capture_default_str();
    add_report_options(cmd, s->report, true);
    cmd->footer(
        "Real threads only see the schedules they happen to run: a violation shows up in some\n"
        "iterations, and none seen is not a proof. Exit code: 0 none seen, 1 a violation, 2 usage error.\n"
        "Examples:\n"
        "  chancheck run shared-channels\n"
        "  chancheck run shared-channels -p response-capacity=1 --iterations 1000\n"
        "  chancheck run shared-channels -p give-up=true --stall-after 2\n"
        "  chancheck run --all --iterations 20 -o run-reports/");
    return [s] {
        if (s->all == !s->model.empty())
            throw usage_error(s->all ? "run: give a model or --all, not both" : "run: which model? (see `chancheck list`)");
        // Real threads never prove: no violation seen exits 0, not 3.
        if (s->all) {
            if (!s->params.empty()) throw usage_error("run --all: parameters apply to one model; drop -p");
            check_all_output(s->report);
            std::vector<check_result> results;
            for (const model* m : registry::instance().all()) {
                results.push_back(run_one(*m, m->spec().parse({}), *s));
                emit_progress(results.back(), s->report, results.size() == 1);
            }
            emit_all(results, s->report);
            return worst_exit_code(results) == 1 ? 1 : 0;
        }
        const model& m = find_model(s->model);
        check_result r = run_one(m, m.spec().parse(s->params), *s);
        emit_report(r, s->report);
        return r.cx ? 1 : 0;
    };
}

}  // namespace chancheck::cli
