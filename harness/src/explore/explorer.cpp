// The explorer's loop: executions under a strategy until it is done, a limit
// cuts it, or one fails (unless every outcome is wanted); and the
// check_result that comes out of it.
#include <chancheck/explore/explorer.hpp>

#include "search.hpp"
#include "step_log.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>

namespace chancheck {

using namespace explore_detail;

std::string format_schedule(const std::vector<event>& schedule) {
    std::string s;
    for (const event& e : schedule) s += (s.empty() ? "" : ",") + e.key_text();
    return s;
}

std::vector<event> parse_schedule(const std::string& text) {
    std::vector<event> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        event e;
        if (!parse_key(item, e)) throw std::invalid_argument("bad schedule entry \"" + item + "\"");
        out.push_back(e);
    }
    return out;
}

namespace explore_detail {

std::unique_ptr<strategy> make_strategy(const strategy_options& o, int bound) {
    if (o.symmetry && o.name != "exhaustive")
        throw std::invalid_argument("symmetry reduction works with the exhaustive search only");
    if (o.name == "exhaustive") return make_dfs(o.reduction, o.split, o.past_failures);
    if (o.name == "bounded") return make_bounded(bound);
    if (o.name == "random") return make_random(o.iterations, o.seed);
    if (o.name == "pct") return make_pct(o.iterations, o.seed, o.pct_depth);
    if (o.name == "replay") return make_replay(o.schedule);
    throw std::invalid_argument("unknown strategy \"" + o.name + "\"");
}

namespace {

counterexample to_counterexample(const execution_result& er) {
    counterexample cx;
    cx.kind = failure_name(er.failure);
    cx.message = er.message;
    cx.where = er.where;
    cx.schedule = format_schedule(er.schedule);
    cx.trace = er.trace;
    cx.implicated = er.implicated;
    cx.blocked = er.blocked;
    return cx;
}

// The failing execution once more, step for step, writing down what
// happens; in a run of its own with goroutines numbered afresh, as `replay`
// runs a schedule. The search's numbers depend on the executions before this
// one, so the schedule reported is the fresh run's.
counterexample replayed_afresh(const std::function<void()>& main, const explore_options& o,
                               const execution_result& failed, const identity_table& search_ids) {
    auto again = make_replay(failed.schedule, &search_ids);
    again->next_execution();
    execution_result er;
    {
        execution ex(execution_config{o.max_steps, nullptr, true, false, o.mode, o.time}, *again);
        er = ex.run(main);
    }
    if (er.failure != failed.failure) {
        std::string why;
        for (const std::string& c : again->cuts()) why += "; " + c;
        const char* now = er.failure == failure_kind::none ? "no failure" : failure_name(er.failure);
        throw std::runtime_error(std::string("the model is not deterministic: replaying its counterexample (") +
                                 failure_name(failed.failure) + ") step for step ended in " + now + why);
    }
    return to_counterexample(er);
}

}  // namespace

bool search(const std::function<void()>& main, const explore_options& o, strategy& s, check_result& r,
            std::chrono::steady_clock::time_point start, double estimated, const std::atomic<bool>* stop) {
    identity_table ids;
    execution_config cfg{o.max_steps, &ids, false, o.strategy.symmetry, o.mode, o.time};
    double next_progress = o.progress_interval;
    std::size_t last_depth = 0;
    std::uint64_t others = 0;
    while (s.next_execution()) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (o.progress && elapsed >= next_progress) {
            double fraction = s.fraction_done();
            if (fraction < 0 && estimated > 0)
                fraction = std::min(0.99, static_cast<double>(r.stats.executions) / estimated);
            o.progress({r.stats.executions + r.stats.abandoned, elapsed, last_depth, fraction});
            next_progress = elapsed + o.progress_interval;
        }
        if (o.time_limit_seconds > 0 && elapsed >= o.time_limit_seconds) {
            r.cuts.push_back("time limit " + std::to_string(o.time_limit_seconds) + " s");
            return false;
        }
        if (stop && stop->load()) return false;  // another part found a counterexample
        if (o.max_executions > 0 && r.stats.executions + r.stats.abandoned + others >= o.max_executions) {
            r.cuts.push_back("max executions " + std::to_string(o.max_executions));
            return false;
        }
        execution_result er;
        {
            execution ex(cfg, s);
            er = ex.run(main);
        }
        s.finished(er);
        if (!s.owns_last()) {
            ++others;  // another part's: not counted, but it cost a run
            continue;
        }
        r.stats.goroutines_started += er.goroutines_started;
        if (er.abandoned && er.failure == failure_kind::none) ++r.stats.abandoned;
        else ++r.stats.executions;
        r.stats.events += er.steps;
        r.stats.max_depth = std::max<std::uint64_t>(r.stats.max_depth, er.steps);
        last_depth = er.steps;
        // Before the replay below runs the program again.
        if (o.on_execution && !er.abandoned) o.on_execution(er);
        if (er.failure != failure_kind::none) {
            if (!r.cx) r.cx = replayed_afresh(main, o, er, ids);
            if (!o.on_execution) return true;
        }
    }
    return true;
}

}  // namespace explore_detail

search_estimate estimate_search(const std::function<void()>& main, const explore_options& o, std::uint64_t paths) {
    explore_detail::step_log::arm_watchdog(o.watchdog_seconds);
    identity_table ids;
    execution_config cfg{o.max_steps, &ids, false, o.strategy.symmetry, o.mode, o.time};
    auto s = make_estimator(paths, o.strategy.seed);
    search_estimate est;
    const auto start = std::chrono::steady_clock::now();
    while (s->next_execution()) {
        execution_result er;
        {
            execution ex(cfg, *s);
            er = ex.run(main);
        }
        s->finished(er);
        ++est.paths;
        if (er.failure != failure_kind::none) ++est.failed_paths;
        if (er.failure == failure_kind::step_limit) ++est.step_limited_paths;
    }
    const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const size_estimate size = s->estimated_executions();
    est.executions = std::max(1.0, size.executions);
    est.standard_error = size.standard_error;
    est.least = size.least;
    est.most = size.most;
    est.seconds = est.paths ? spent / static_cast<double>(est.paths) * est.executions : 0;
    return est;
}

check_result run_explorer(const std::function<void()>& main, const explore_options& options) {
    explore_options o = options;
    o.strategy.past_failures |= static_cast<bool>(o.on_execution);
    check_result r;
    r.strategy = o.strategy.name + (o.strategy.symmetry ? " (symmetry)" : "");
    r.max_steps = o.max_steps;
    r.program_main = o.mode == explore_detail::main_mode::program;
    r.synctest_time = o.time == explore_detail::time_mode::synctest;
    explore_detail::step_log::arm_watchdog(o.watchdog_seconds);
    const auto start = std::chrono::steady_clock::now();
    bool complete = false;
    if (o.jobs > 1 || o.shard_count > 1) {
        complete = search_split(main, o, r, start);
    } else if (o.strategy.name == "bounded" && o.strategy.minimize) {
        // Bounds 0, 1, ...: the first counterexample has the fewest preemptions.
        // (Collecting outcomes, every bound runs: lower bounds' executions
        // are passed on again.)
        for (int b = 0; b <= o.strategy.preemption_bound && (!r.cx || o.on_execution); ++b) {
            auto s = make_strategy(o.strategy, b);
            bool uncut = search(main, o, *s, r, start);
            complete = uncut && s->complete();
            if (!uncut) break;
            if (b == o.strategy.preemption_bound || complete)
                for (auto& c : s->cuts()) r.cuts.push_back(c);
            if (complete) break;
        }
    } else {
        auto s = make_strategy(o.strategy, o.strategy.preemption_bound);
        // A reduced search grows its own tree: a few random paths say how
        // big it is, for the progress line.
        double estimated = 0;
        if (o.progress && o.strategy.name == "exhaustive" && o.strategy.reduction)
            estimated = estimate_search(main, o, 200).executions;
        bool uncut = search(main, o, *s, r, start, estimated);
        complete = uncut && s->complete();
        for (auto& c : s->cuts()) r.cuts.push_back(c);
    }
    if (o.max_steps > 0 && r.cx && r.cx->kind == "step-limit") complete = false;
    r.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (r.stats.goroutines_started == 0 && r.stats.executions > 0)
        r.warnings.push_back("the model started no goroutine: there was nothing concurrent to check");
    if (r.cx) r.outcome = verdict::counterexample;
    else r.outcome = complete && r.cuts.empty() ? verdict::proved : verdict::bounded;
    return r;
}

}  // namespace chancheck
