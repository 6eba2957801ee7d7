// The exhaustive search in parts (split_plan in strategy.hpp): threads of
// this process claim the units of its shard; the shard is one of several
// processes'. The split depth is the first at which the tree has enough
// units for every part to get many, so that uneven subtrees even out.
#include "search.hpp"

#include <algorithm>
#include <thread>

namespace chancheck {

using namespace explore_detail;

namespace {

// Units wanted per part. Processes are dealt their units in advance: they
// need many for uneven subtrees to average out. Threads of one process claim
// units as they come free, so a few each will do, and every unit more costs:
// above the split there is no reduction, and the extra prefixes end asleep
// (shared-channels, 9 requesters, 2 threads: split at 13 steps, 9 units
// that hold work, 47 thousand abandoned executions and 8.3 s; at 16 steps,
// 72 such units, 106 thousand and 9.7 s).
constexpr std::uint64_t units_per_process = 16;
constexpr std::uint64_t units_per_thread = 4;
// Executions spent looking for the split depth, at most.
constexpr std::uint64_t upper_tree_limit = 5000;
// Threads of one process first search on one thread this far: a tree that
// ends within it (one execution, with symmetry) is done before looking for a
// split would even start, and a bigger tree loses a fraction of a second.
constexpr std::uint64_t one_thread_trial = 1000;

// The shallowest depth with enough units. Every part walks the tree above
// the split, so a shallower split is cheaper; the passes that count units
// share one budget of executions.
std::size_t choose_split_depth(const std::function<void()>& main, const explore_options& o, std::uint64_t wanted) {
    std::uint64_t budget = upper_tree_limit;
    enum class pass { enough, too_few, out_of_budget };
    std::uint64_t units_seen = 0;
    auto count = [&](std::size_t depth) {
        strategy_options counting = o.strategy;
        counting.split = {depth, 0, 1, nullptr, true};
        auto s = make_strategy(counting, 0);
        check_result ignored;
        explore_options quiet = o;
        quiet.progress = nullptr;
        quiet.on_execution = nullptr;  // the parts run these executions again
        quiet.time_limit_seconds = 0;
        quiet.max_executions = budget;
        if (!search(main, quiet, *s, ignored, std::chrono::steady_clock::now())) return pass::out_of_budget;
        budget -= std::min(budget - 1, units_met(*s).all + ignored.stats.abandoned);
        // A failure above the split: the part that owns it will find it.
        if (ignored.cx) return pass::enough;
        const unit_count units = units_met(*s);
        units_seen = units.all;
        // Enough units that hold work of their own (a prefix that put an
        // independent step to sleep usually ends asleep), or the tree ends
        // above this depth, or deeper would only add units that hold none.
        const bool enough = units.awake >= wanted || units.longest < depth || depth >= o.max_steps || units.all > 64 * wanted;
        return enough ? pass::enough : pass::too_few;
    };
    // Doubling while there is nothing to choose (main starting its
    // goroutines costs a few passes, not one per step), then a step at a
    // time: once the tree branches, units grow about twofold per step, and
    // one pass too deep can cost more than all the shallower ones together.
    std::size_t too_few = 0, enough = 1;
    for (;;) {
        const pass p = count(enough);
        if (p == pass::out_of_budget) return std::max<std::size_t>(too_few, 1);
        if (p == pass::enough) break;
        too_few = enough;
        enough = units_seen < 2 ? 2 * enough : enough + 1;
    }
    // A doubling may have gone past the first depth with enough.
    while (enough - too_few > 1) {
        const std::size_t mid = too_few + (enough - too_few) / 2;
        const pass p = count(mid);
        if (p == pass::out_of_budget) break;
        (p == pass::enough ? enough : too_few) = mid;
    }
    return enough;
}

void add_stats(check_stats& into, const check_stats& part) {
    into.executions += part.executions;
    into.abandoned += part.abandoned;
    into.events += part.events;
    into.max_depth = std::max(into.max_depth, part.max_depth);
    into.goroutines_started += part.goroutines_started;
}

}  // namespace

bool search_split(const std::function<void()>& main, const explore_options& o, check_result& r,
                  std::chrono::steady_clock::time_point start) {
    if (o.strategy.name != "exhaustive") throw std::invalid_argument("only the exhaustive search can be split");
    if (o.shard_count == 0 || o.shard_index >= o.shard_count)
        throw std::invalid_argument("shard " + std::to_string(o.shard_index) + "/" + std::to_string(o.shard_count) +
                                    ": the index must be below the count");
    const unsigned jobs = std::max(1u, o.jobs);
    // Collecting outcomes, there is no trial: a cut trial's executions would
    // be passed on twice, and they cannot be held back (the callback reads
    // what the execution left in its thread).
    if (o.shard_count == 1 && !o.on_execution && (o.max_executions == 0 || o.max_executions > one_thread_trial)) {
        explore_options trial = o;
        trial.max_executions = one_thread_trial;
        check_result tr;
        auto s = make_strategy(trial.strategy, 0);
        const bool uncut = search(main, trial, *s, tr, start);
        if (tr.cx || (uncut && s->complete())) {
            r.stats = tr.stats;
            r.cx = tr.cx;
            for (auto& c : s->cuts()) r.cuts.push_back(c);
            return uncut && s->complete();
        }
        // Too big for one thread: the split search starts over (and runs
        // these executions again; they are not counted twice).
    }
    const std::uint64_t wanted = o.shard_count > 1 ? units_per_process * o.shard_count * jobs : units_per_thread * jobs;
    const std::size_t depth = choose_split_depth(main, o, wanted);

    std::atomic<std::uint64_t> claims{0};
    std::atomic<bool> stop{false};
    std::vector<check_result> parts(jobs);
    std::vector<char> searched(jobs, 0);
    std::vector<std::string> cuts;
    auto work = [&](unsigned w) {
        explore_options wo = o;
        wo.strategy.split = {depth, o.shard_index, o.shard_count, jobs > 1 ? &claims : nullptr, false};
        if (w != 0) wo.progress = nullptr;  // one progress line, from the first thread
        auto s = make_strategy(wo.strategy, 0);
        const bool uncut = search(main, wo, *s, parts[w], start, 0, &stop);
        searched[w] = uncut && s->complete();
        if (parts[w].cx && !o.on_execution) stop = true;
    };
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < jobs; ++w) threads.emplace_back(work, w);
    work(0);
    for (auto& t : threads) t.join();

    bool all_searched = true;
    for (unsigned w = 0; w < jobs; ++w) {
        add_stats(r.stats, parts[w].stats);
        if (!r.cx && parts[w].cx) r.cx = parts[w].cx;
        for (const auto& c : parts[w].cuts)
            if (std::find(r.cuts.begin(), r.cuts.end(), c) == r.cuts.end()) r.cuts.push_back(c);
        all_searched &= searched[w] != 0;
    }
    if (o.shard_count > 1) {
        r.shard = shard_info{o.shard_index, o.shard_count, depth, all_searched && r.cuts.empty()};
        r.cuts.push_back("shard " + std::to_string(o.shard_index) + "/" + std::to_string(o.shard_count) + ": one part of the search" +
                         (r.shard->searched && !r.cx ? ", searched to its end with no counterexample" : "") +
                         "; chancheck merge joins the parts' reports into one verdict");
    }
    return all_searched;
}

}  // namespace chancheck
