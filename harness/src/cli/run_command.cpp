// `chancheck run`: a model on real threads, N times, with a tally per property.
#include "commands.hpp"

#include <chancheck/model.hpp>
#include <chancheck/run_threads.hpp>

#include <cstdio>
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
};

// Prints one model's tally; returns true when something was violated.
bool run_one(const model& m, const param_values& params, const run_settings& s) {
    threads_run_options opts;
    opts.iterations = s.iterations;
    opts.seed = s.seed;
    opts.stall_after = std::chrono::milliseconds(static_cast<long long>(s.stall_after * 1000));
    threads_run_summary sum = run_model_on_threads(m, params, opts);

    std::cout << m.name() << " " << params.describe() << "\n";
    if (!sum.output.empty()) {
        std::cout << "  output of iteration 1:\n";
        for (const auto& line : sum.output) std::cout << "    " << line << "\n";
    }
    std::cout << "  on real threads: " << sum.iterations_run << " iteration" << (sum.iterations_run == 1 ? "" : "s")
              << ", seed " << s.seed << "\n";
    for (const auto& [property, n] : sum.violated) {
        char pct[32] = "";
        if (n > 0) std::snprintf(pct, sizeof pct, " (%.1f%%)", 100.0 * static_cast<double>(n) / static_cast<double>(sum.iterations_run));
        std::printf("    %-18s violated in %ld of %ld%s\n", property.c_str(), n, sum.iterations_run, pct);
    }
    std::fflush(stdout);
    if (!sum.violations_seen()) {
        std::cout << "  no violation seen (real threads run only the schedules they happen to: not a proof)\n";
        return false;
    }
    if (sum.stalled)
        std::cout << "  iteration " << sum.first_failure_iteration << " stalled: nothing happened for "
                  << s.stall_after << " s; stopped there\n";
    std::cout << "  first failing iteration (" << sum.first_failure_iteration << "): " << sum.first_failure_text;
    return true;
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
    cmd->footer(
        "Real threads only see the schedules they happen to run: a violation shows up in some\n"
        "iterations, and none seen is not a proof. Exit code: 0 none seen, 1 a violation, 2 usage error.\n"
        "Examples:\n"
        "  chancheck run shared-channels\n"
        "  chancheck run shared-channels -p response-capacity=1 --iterations 1000\n"
        "  chancheck run shared-channels -p give-up=true --stall-after 2\n"
        "  chancheck run --all --iterations 20");
    return [s] {
        if (s->all == !s->model.empty())
            throw usage_error(s->all ? "run: give a model or --all, not both" : "run: which model? (see `chancheck list`)");
        if (s->all) {
            if (!s->params.empty()) throw usage_error("run --all: parameters apply to one model; drop -p");
            bool any = false;
            for (const model* m : registry::instance().all()) any |= run_one(*m, m->spec().parse({}), *s);
            return any ? 1 : 0;
        }
        const model& m = find_model(s->model);
        return run_one(m, m.spec().parse(s->params), *s) ? 1 : 0;
    };
}

}  // namespace chancheck::cli
