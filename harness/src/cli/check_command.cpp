// `chancheck check` and `chancheck replay`: a model under the explorer, and
// the report of what it found.
#include "commands.hpp"

#include <chancheck/check_model.hpp>
#include <chancheck/reports/json_reader.hpp>
#include <chancheck/reports/json_writer.hpp>
#include <chancheck/reports/report.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <iostream>
#include <memory>
#include <sstream>
#include <tuple>

namespace chancheck::cli {

namespace {

struct check_settings {
    std::string model;
    bool all = false;
    std::vector<std::string> params;
    std::string strategy = "exhaustive";
    int preemption_bound = 2;
    bool minimize = false;
    bool no_reduction = false;
    bool symmetry = false;
    bool estimate = false;
    bool estimate_first = false;
    std::uint64_t estimate_paths = 1000;
    unsigned jobs = 1;
    std::string shard;
    std::uint64_t max_executions = 0;
    std::size_t max_steps = default_max_steps;
    std::string main_mode = "test";
    std::string time = "any";
    double time_limit = 0;
    double watchdog = 60;
    std::uint64_t seed = 1;
    std::uint64_t iterations = 10'000;
    int pct_depth = 3;
    report_settings out;
    std::string schedule;
    std::string report;
    std::string backend = "explore";
    // Which options were given: the relacy backend has other defaults.
    const CLI::Option* strategy_option = nullptr;
    const CLI::Option* iterations_option = nullptr;
    const CLI::Option* max_steps_option = nullptr;
    std::vector<const CLI::Option*> explorer_only;
};

// "I/N" from --shard, or else from the sharding variables of GoogleTest
// (and so ctest and most CI matrices) and Bazel; 0/1 when none is set.
std::pair<std::uint64_t, std::uint64_t> shard_of(const std::string& option) {
    std::string text = option, from = "--shard";
    for (const auto& [index, total] : {std::pair("TEST_SHARD_INDEX", "TEST_TOTAL_SHARDS"),
                                       std::pair("GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS")}) {
        const char* i = std::getenv(index);
        const char* n = std::getenv(total);
        if (text.empty() && i && n) {
            text = std::string(i) + "/" + n;
            from = std::string(index) + "/" + total;
        }
    }
    if (text.empty()) return {0, 1};
    // Bazel runs a sharded test only if the test says it understood.
    if (const char* status = std::getenv("TEST_SHARD_STATUS_FILE")) std::ofstream(status).flush();
    const auto slash = text.find('/');
    std::uint64_t index = 0, count = 0;
    try {
        std::size_t used = 0;
        if (slash == std::string::npos) throw std::invalid_argument("no slash");
        index = std::stoull(text.substr(0, slash), &used);
        if (used != slash) throw std::invalid_argument("index");
        count = std::stoull(text.substr(slash + 1), &used);
        if (used != text.size() - slash - 1) throw std::invalid_argument("count");
    } catch (const std::exception&) {
        throw usage_error(from + ": \"" + text + "\" is not INDEX/COUNT (e.g. 0/4)");
    }
    if (count == 0 || index >= count)
        throw usage_error(from + ": \"" + text + "\": the index counts from 0 and must be below the count");
    return {index, count};
}

explore_options options_of(const check_settings& s) {
    explore_options o;
    o.strategy.name = s.strategy;
    o.strategy.reduction = !s.no_reduction;
    o.strategy.symmetry = s.symmetry;
    o.jobs = s.jobs;
    // --all checks many models: a shard of each would be meaningless.
    if (!s.all) std::tie(o.shard_index, o.shard_count) = shard_of(s.shard);
    else if (!s.shard.empty()) throw usage_error("--shard splits the search of one model; drop --all");
    o.strategy.preemption_bound = s.preemption_bound;
    o.strategy.minimize = s.minimize;
    o.strategy.iterations = s.iterations;
    o.strategy.seed = s.seed;
    o.strategy.pct_depth = s.pct_depth;
    o.max_steps = s.max_steps;
    o.mode = s.main_mode == "program" ? explore_detail::main_mode::program : explore_detail::main_mode::test;
    o.time = s.time == "synctest" ? explore_detail::time_mode::synctest : explore_detail::time_mode::any;
    o.max_executions = s.max_executions;
    o.time_limit_seconds = s.time_limit;
    o.watchdog_seconds = s.watchdog;
    return o;
}

void add_common(CLI::App* cmd, check_settings& s, bool several) {
    cmd->add_option("-p,--param", s.params, "Set a model parameter: name=value (repeatable)")->take_all();
    s.max_steps_option =
        cmd->add_option("--max-steps", s.max_steps, "Longest execution, in events; longer is a livelock suspect")
            ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
            ->capture_default_str();
    cmd->add_option("--main", s.main_mode,
                    "What main is: a Go test function (test: its goroutines go on after it returns, and one "
                    "left blocked for ever is a leak) or a program's main (program: its return ends everything)")
        ->check(CLI::IsMember({"test", "program"}))
        ->capture_default_str();
    cmd->add_option("--time", s.time,
                    "When timers fire and sleeps end: any (at any step, durations ignored: every order a slow "
                    "machine could show, and some no clock could) or synctest (Go's testing/synctest: virtual time "
                    "that moves only when every goroutine is blocked, deadlines in order)")
        ->check(CLI::IsMember({"any", "synctest"}))
        ->capture_default_str();
    cmd->add_option("--watchdog", s.watchdog,
                    "Seconds with no step before giving up on a goroutine blocked outside the explorer's control "
                    "(a std::mutex, a join, I/O): exit code 4; 0 waits for ever")
        ->check(CLI::Range(0.0, 1e7))
        ->capture_default_str();
    cmd->add_option("--backend", s.backend,
                    "explore: chancheck's explorer (proofs); relacy: the Relacy Race Detector on the channel "
                    "implementation itself (run by the chancheck-relacy program; sampled or context-bounded)")
        ->check(CLI::IsMember({"explore", "relacy"}))
        ->capture_default_str();
    add_report_options(cmd, s.out, several);
}

// The estimate, how far to trust it, and what the sampled paths ran into.
std::string estimate_text(const search_estimate& e, std::size_t max_steps) {
    char line[256];
    char took[32];
    if (e.seconds < 60) std::snprintf(took, sizeof took, "%.2g s", e.seconds);
    std::snprintf(line, sizeof line, "estimate: about %.3g executions, %s (from %llu random paths; not a verdict)",
                  e.executions, e.seconds < 60 ? took : clock_text(e.seconds).c_str(),
                  static_cast<unsigned long long>(e.paths));
    std::string text = line;
    const double relative = e.standard_error / e.executions;
    std::snprintf(line, sizeof line, "\n  standard error %.3g (%.0f%%); one path alone implied %.3g to %.3g executions",
                  e.standard_error, 100 * relative, e.least, e.most);
    text += line;
    // Knuth's estimate of an uneven tree: most paths miss the big subtrees,
    // so a wide spread means the true size is likely above the estimate.
    if (relative > 0.25 || e.most > 100 * e.executions)
        text += "\n  the paths disagree widely: the tree is uneven, and the search may run far more executions than this";
    if (e.step_limited_paths > 0)
        text += "\n  " + std::to_string(e.step_limited_paths) + " of the sampled paths reached the step limit (" +
                std::to_string(max_steps) +
                " steps): the tree goes deeper than they could see, so the estimate is a lower bound; the search "
                "stops at the first such execution (a step-limit counterexample) unless given more --max-steps";
    if (const std::uint64_t failed = e.failed_paths - e.step_limited_paths; failed > 0)
        text += "\n  " + std::to_string(failed) + " of the sampled paths failed: the search will stop at a counterexample";
    return text;
}

// The estimate for scripts: the same numbers, no verdict.
std::string estimate_json(const std::string& model, const param_values& params, const search_estimate& e) {
    std::ostringstream out;
    reports::json_writer w(out);
    w.begin_object();
    w.field("model", model);
    w.object_field("params", params.pairs());
    w.field("executions", e.executions);
    w.field("seconds", e.seconds);
    w.field("paths", static_cast<unsigned long long>(e.paths));
    w.field("standard-error", e.standard_error);
    w.field("least", e.least);
    w.field("most", e.most);
    w.field("step-limited-paths", static_cast<unsigned long long>(e.step_limited_paths));
    w.field("failed-paths", static_cast<unsigned long long>(e.failed_paths));
    w.end_object();
    out << "\n";
    return out.str();
}

// One model under the explorer, with the progress line while it runs.
check_result check_one(const model& m, const param_values& params, explore_options o, const report_settings& s) {
    progress_line line(m.name(), s);
    o.progress = line.callback();
    check_result r = check_model(m, params, o);
    r.program = program_name();
    return r;
}

relacy_request relacy_request_of(const check_settings& s, const std::string& model,
                                 const std::vector<std::string>& params) {
    for (const CLI::Option* o : s.explorer_only)
        if (o->count() > 0) throw usage_error(o->get_name() + " applies to the explorer, not to --backend relacy");
    relacy_request req;
    req.model = model;
    req.params = params;
    if (s.strategy_option && s.strategy_option->count() > 0) {
        if (s.strategy == "pct") throw usage_error("--backend relacy: --strategy is random, bounded or exhaustive");
        req.strategy = s.strategy;
    }
    if (s.iterations_option && s.iterations_option->count() > 0) req.iterations = s.iterations;
    req.preemption_bound = s.preemption_bound;
    req.time_limit = s.time_limit;
    req.schedule = s.schedule;
    return req;
}

// One model under the chosen backend; the explorer shows the progress line while it runs.
check_result check_one(const model& m, const std::vector<std::string>& assignments, const check_settings& settings,
                       const explore_options& o, const report_settings& s) {
    const param_values params = m.spec().parse(assignments);
    if (settings.backend == "relacy") {
        check_result r = check_relacy(relacy_request_of(settings, m.name(), assignments));
        r.program = program_name();
        if (r.params.empty()) r.params = params.pairs();  // a timed-out run wrote no report
        if (r.properties.empty()) r.properties = m.spec().properties;
        return r;
    }
    return check_one(m, params, o, s);
}

// Takes the model, parameters, step limit and schedule from a saved JSON
// report; -p or --max-steps given on the command line would contradict the
// schedule, so they conflict.
void load_report(check_settings& s) {
    std::ifstream in(s.report);
    if (!in) throw usage_error("replay: cannot read " + s.report);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    reports::json_value v;
    try {
        v = reports::parse_json(text);
    } catch (const std::invalid_argument& e) {
        throw usage_error("replay: " + s.report + ": " + e.what());
    }
    const auto& schedule = v["counterexample"]["schedule"];
    if (schedule.type != reports::json_value::kind::string)
        throw usage_error("replay: " + s.report + " holds no counterexample to replay");
    if (!s.params.empty()) throw usage_error("replay --report: the parameters come from the report; drop -p");
    if (!s.model.empty() && s.model != v["model"].text)
        throw usage_error("replay: the report is of model " + v["model"].text + ", not " + s.model);
    if (const auto& limit = v["max-steps"]; limit.type == reports::json_value::kind::number) {
        if (s.max_steps_option && s.max_steps_option->count() > 0)
            throw usage_error("replay --report: the step limit comes from the report; drop --max-steps");
        const bool digits = limit.text.find_first_not_of("0123456789") == std::string::npos;
        try {
            s.max_steps = digits ? std::stoull(limit.text) : 0;
        } catch (const std::out_of_range&) {
            s.max_steps = 0;
        }
        if (s.max_steps == 0)
            throw usage_error("replay: " + s.report + ": max-steps " + limit.text + " is not a step count");
    }
    if (v["main"].text == "program") s.main_mode = "program";
    if (v["time"].text == "synctest") s.time = "synctest";
    s.model = v["model"].text;
    s.schedule = schedule.text;
    if (v["backend"].text == "relacy") s.backend = "relacy";
    for (const auto& [k, val] : v["params"].members) s.params.push_back(k + "=" + val.text);
}

}  // namespace

action add_check_command(CLI::App& app) {
    auto s = std::make_shared<check_settings>();
    CLI::App* cmd = app.add_subcommand("check", "Check a model with the explorer: a proof, or a counterexample");
    cmd->add_option("model", s->model, "The model to check (see `chancheck list`)");
    cmd->add_flag("--all", s->all, "Check every registered model at its defaults (its declared --all size)");
    add_common(cmd, *s, true);
    s->strategy_option =
        cmd->add_option("--strategy", s->strategy,
                        "exhaustive: every trace (a proof); bounded: at most K preemptions; random, pct: sampled "
                        "executions. With --backend relacy: random (the default), bounded or exhaustive")
            ->check(CLI::IsMember({"exhaustive", "bounded", "random", "pct"}))
            ->capture_default_str();
    cmd->add_option("--preemption-bound", s->preemption_bound, "bounded: most preemptions per execution")
        ->check(CLI::Range(0, 1000))
        ->capture_default_str();
    s->explorer_only.push_back(cmd->add_flag(
        "--minimize", s->minimize, "bounded: try bounds 0, 1, ... so the counterexample has the fewest preemptions"));
    s->explorer_only.push_back(
        cmd->add_flag("--no-reduction", s->no_reduction, "exhaustive: every interleaving, no partial-order reduction"));
    s->explorer_only.push_back(cmd->add_flag(
        "--symmetry", s->symmetry,
        "exhaustive: run one of the executions that differ only by which of a group of interchangeable "
        "goroutines (go_interchangeable) went first"));
    s->explorer_only.push_back(cmd->add_flag(
        "--estimate", s->estimate,
        "exhaustive: instead of searching, estimate from random paths how many executions and how long the "
        "search would take (exit code 3; -o FILE writes it, as text or --format json, to FILE)"));
    s->explorer_only.push_back(cmd->add_flag("--estimate-first", s->estimate_first,
                                             "exhaustive: print the estimate on stderr, then search"));
    s->explorer_only.push_back(cmd->add_option("--estimate-paths", s->estimate_paths, "--estimate: random paths to sample")
                                   ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000'000}))
                                   ->capture_default_str());
    s->explorer_only.push_back(cmd->add_option("--jobs,-j", s->jobs, "exhaustive: search with this many threads")
                                   ->check(CLI::Range(1u, 256u))
                                   ->capture_default_str());
    s->explorer_only.push_back(cmd->add_option(
        "--shard", s->shard,
        "exhaustive: search part I of N (I/N, from 0); the parts' JSON reports are joined by `chancheck merge`. "
        "Without it, taken from TEST_SHARD_INDEX/TEST_TOTAL_SHARDS (Bazel) or GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS"));
    s->explorer_only.push_back(cmd->add_option("--max-executions", s->max_executions,
                                               "Stop after this many executions (the verdict is then bounded)"));
    cmd->add_option("--time-limit", s->time_limit, "Stop after this many seconds (the verdict is then bounded)")
        ->check(CLI::Range(0.0, 1e7));
    s->explorer_only.push_back(cmd->add_option("--seed", s->seed, "random, pct: seed")->capture_default_str());
    s->iterations_option =
        cmd->add_option("--iterations", s->iterations,
                        "random, pct: executions to sample (--backend relacy: iterations, default 100000)")
            ->capture_default_str();
    s->explorer_only.push_back(
        cmd->add_option("--pct-depth", s->pct_depth, "pct: bug depth d")->check(CLI::Range(1, 100))->capture_default_str());
    cmd->footer(
        "Verdicts: proved (every trace covered, nothing cut), counterexample (with a schedule that\n"
        "replays it), bounded (no counterexample, but a bound, limit or sampling cut the search).\n"
        "Exit code: 0 proved, 1 counterexample, 3 bounded (and always with --estimate: an estimate proves\n"
        "nothing), 2 usage error, 4 a goroutine blocked outside the explorer's control (--watchdog).\n"
        "Examples:\n"
        "  chancheck check shared-channels -p requesters=6\n"
        "  chancheck check shared-channels -p response-capacity=1 --format json -o cx.json\n"
        "  chancheck check shared-channels -p response-capacity=1 --format html -o cx.html\n"
        "  chancheck check shared-channels -p requesters=12 --strategy random --iterations 100000\n"
        "  chancheck check shared-channels -p coordinators=2 --strategy bounded --minimize\n"
        "  chancheck check shared-channels -p requesters=1000 --symmetry\n"
        "  chancheck check shared-channels -p requesters=2 --backend relacy --strategy bounded --preemption-bound 2\n"
        "  chancheck check --all -o reports/   (one JSON report per model, and reports/junit.xml)");
    return [s] {
        if (s->all == !s->model.empty())
            throw usage_error(s->all ? "check: give a model or --all, not both" : "check: which model? (see `chancheck list`)");
        if (s->symmetry && s->strategy != "exhaustive")
            throw usage_error("--symmetry applies to the exhaustive search (--strategy exhaustive)");
        const explore_options o = options_of(*s);
        if ((s->jobs > 1 || o.shard_count > 1) && s->strategy != "exhaustive")
            throw usage_error("--jobs and --shard split the exhaustive search (--strategy exhaustive)");
        if ((s->estimate || s->estimate_first) && (s->all || s->strategy != "exhaustive"))
            throw usage_error("--estimate applies to the exhaustive search of one model");
        // An estimate is no check: the check's report formats (a verdict, a
        // counterexample) cannot hold it, so it is text or its own JSON.
        if (s->estimate && s->out.format != "text" && s->out.format != "json")
            throw usage_error("--estimate writes text or json, not a " + s->out.format +
                              " report (--estimate-first estimates on stderr, then checks and reports as usual)");
        if (!s->all) {
            const model& m = find_model(s->model);
            if (s->estimate || s->estimate_first) {
                const param_values params = m.spec().parse(s->params);
                std::string label = m.name();
                for (const auto& [k, v] : params.pairs()) label += " " + k + "=" + v;
                const search_estimate e = estimate_model(m, params, o, s->estimate_paths);
                const std::string text = label + "\n  " + estimate_text(e, o.max_steps) + "\n";
                if (!s->estimate) {
                    std::cerr << text;
                } else {
                    // As with a report: the format on stdout, or into the
                    // file with the text on stdout.
                    const std::string formatted = s->out.format == "json" ? estimate_json(m.name(), params, e) : text;
                    if (!s->out.output.empty()) reports::write_file_atomically(s->out.output, formatted);
                    std::cout << (s->out.output.empty() ? formatted : text);
                    // Neither proved nor a counterexample: an estimate proves nothing.
                    return 3;
                }
            }
            check_result r = check_one(m, s->params, *s, o, s->out);
            emit_report(r, s->out);
            return exit_code(r);
        }
        if (!s->params.empty()) throw usage_error("check --all: parameters apply to one model; drop -p");
        check_all_output(s->out);
        std::vector<check_result> results;
        for (const model* m : registry::instance().all()) {
            std::vector<expected_check> checks = m->spec().check_all;
            if (checks.empty()) checks.push_back({});
            for (const expected_check& c : checks) {
                results.push_back(check_one(*m, c.params, *s, o, s->out));
                results.back().expected = c.expect;
                emit_progress(results.back(), s->out, results.size() == 1);
            }
        }
        emit_all(results, s->out);
        return worst_exit_code(results);
    };
}

action add_replay_command(CLI::App& app) {
    auto s = std::make_shared<check_settings>();
    CLI::App* cmd = app.add_subcommand("replay", "Run exactly one schedule of a model, e.g. a counterexample's");
    cmd->add_option("model", s->model, "The model (see `chancheck list`); taken from --report if omitted");
    auto* sched = cmd->add_option("--schedule", s->schedule, "The schedule, as printed with the counterexample");
    auto* rep = cmd->add_option("--report", s->report,
                                "A JSON report written by `check --format json`: replays its counterexample "
                                "with its model and parameters");
    sched->excludes(rep);
    rep->excludes(sched);
    add_common(cmd, *s, false);
    cmd->footer(
        "The parameters must be those of the check that printed the schedule; a schedule that no\n"
        "longer fits the program (other code, other parameters) is reported as a divergence.\n"
        "Exit code: 1 the counterexample reproduced, 3 it did not, 2 usage error.\n"
        "Examples:\n"
        "  chancheck replay shared-channels -p response-capacity=1 -p requesters=2 --schedule '0,0,0,0,0,2>1,1,3>1,3'\n"
        "  chancheck replay --report cx.json --format html -o cx.html");
    return [s] {
        if (!s->report.empty()) load_report(*s);
        if (s->schedule.empty() && s->report.empty()) throw usage_error("replay: give --schedule or --report");
        if (s->model.empty()) throw usage_error("replay: which model? (see `chancheck list`)");
        const model& m = find_model(s->model);
        if (s->backend == "relacy") {
            (void)m.spec().parse(s->params);
            check_result r = check_relacy(relacy_request_of(*s, m.name(), s->params));
            r.program = program_name();
            emit_report(r, s->out);
            return exit_code(r);
        }
        explore_options o = options_of(*s);
        o.strategy.name = "replay";
        try {
            o.strategy.schedule = parse_schedule(s->schedule);
        } catch (const std::invalid_argument& e) {
            throw usage_error(std::string("replay: ") + e.what());
        }
        check_result r = check_model(m, m.spec().parse(s->params), o);
        r.program = program_name();
        emit_report(r, s->out);
        return exit_code(r);
    };
}

}  // namespace chancheck::cli
