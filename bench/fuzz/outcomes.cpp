// Running a fuzz program under each search mode with the explorer's
// outcome collection (explore_options::on_execution), each execution's
// fingerprint, and the comparison with the oracle (see outcomes.hpp).
#include "outcomes.hpp"

#include "interpret.hpp"

#include <chancheck/explore/explorer.hpp>

#include <algorithm>
#include <map>
#include <mutex>

namespace fuzz {

using chancheck::explore_detail::execution_result;
using chancheck::explore_detail::failure_kind;

const char* mode_name(mode m) {
    switch (m) {
        case mode::oracle: return "no-reduction";
        case mode::reduced: return "default";
        case mode::jobs: return "jobs";
        case mode::bounded: return "bounded";
        case mode::symmetry: return "symmetry";
    }
    return "?";
}

namespace {

// A failure that ends the execution where it happens, with other
// goroutines still able to move.
bool cuts_short(failure_kind k) {
    return k == failure_kind::panic || k == failure_kind::assertion || k == failure_kind::race ||
           k == failure_kind::step_limit;
}
bool cut_short(const std::string& outcome) {
    for (const char* k : {"panic", "assertion", "race", "step-limit"})
        if (outcome.starts_with(k)) return true;
    return false;
}
std::string kind_of(const std::string& outcome) { return outcome.substr(0, outcome.find_first_of(":\n")); }

// "goroutine "g1": panic: send on closed channel" -> "send on closed channel".
std::string after(const std::string& message, const std::string& marker) {
    const auto at = message.find(marker);
    return at == std::string::npos ? message : message.substr(at + marker.size());
}

// "g2 1" -> "g2 *": members of a group told apart by their position only.
std::string canonical_name(const std::string& name) {
    const auto space = name.find(' ');
    return space == std::string::npos ? name : name.substr(0, space) + " *";
}

std::string fingerprint(const execution_result& er, const std::vector<observation>& notes, bool canonical) {
    const std::string kind = chancheck::explore_detail::failure_name(er.failure);
    if (cuts_short(er.failure)) {
        if (er.failure == failure_kind::panic) return kind + ": " + after(er.message, "panic: ");
        if (er.failure == failure_kind::assertion) return kind + ": " + after(er.message, "exception: ");
        return kind;
    }
    std::map<std::string, std::string> by_goroutine;
    for (const observation& n : notes) {
        std::string& seen = by_goroutine[n.goroutine];
        seen += (seen.empty() ? "" : "; ") + n.what;
    }
    for (const auto& b : er.blocked) {
        std::string& seen = by_goroutine[b.goroutine];
        seen += (seen.empty() ? "[blocked: " : " [blocked: ") + b.waiting_on + "]";
    }
    std::vector<std::string> lines;
    for (const auto& [name, seen] : by_goroutine) lines.push_back((canonical ? canonical_name(name) : name) + ": " + seen);
    std::sort(lines.begin(), lines.end());
    std::string out = kind;
    for (const auto& l : lines) out += "\n  " + l;
    return out;
}

}  // namespace

outcome_set explore_outcomes(const program& p, mode m, const search_limits& limits) {
    return explore_outcomes([&p] { interpret(p); }, m, limits);
}

outcome_set explore_outcomes(const std::function<void()>& body, mode m, const search_limits& limits,
                             chancheck::explore_detail::main_mode main) {
    chancheck::explore_options o;
    o.mode = main;
    o.time = limits.time;
    o.max_executions = limits.max_executions;
    o.time_limit_seconds = limits.seconds;
    switch (m) {
        case mode::oracle: o.strategy.reduction = false; break;
        case mode::reduced: break;
        case mode::jobs: o.jobs = 2; break;
        case mode::bounded:
            o.strategy.name = "bounded";
            o.strategy.preemption_bound = 1000;  // every interleaving of programs this small
            break;
        case mode::symmetry: o.strategy.symmetry = true; break;
    }
    outcome_set out;
    std::mutex m_out;  // the split search calls back from two threads
    o.on_execution = [&](const execution_result& er) {
        std::string plain = fingerprint(er, observations(), false);
        std::string canon = fingerprint(er, observations(), true);
        std::lock_guard g(m_out);
        out.outcomes.insert(std::move(plain));
        out.canonical.insert(std::move(canon));
    };
    try {
        chancheck::check_result r = chancheck::run_explorer(
            [&body] {
                clear_observations();
                body();
            },
            o);
        out.complete = r.outcome != chancheck::verdict::bounded && r.cuts.empty();
        out.executions = r.stats.executions;
    } catch (const std::exception& e) {
        out.error = e.what();
    }
    return out;
}

difference compare(const outcome_set& oracle, const outcome_set& other, mode m) {
    difference d;
    const bool canonical = m == mode::symmetry;
    const auto& want = canonical ? oracle.canonical : oracle.outcomes;
    const auto& got = canonical ? other.canonical : other.outcomes;
    if (!other.error.empty()) {
        d.disagrees = true;
        d.signature.insert("error");
        return d;
    }
    std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(d.missed));
    std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(d.extra));
    for (const auto& x : d.missed) d.signature.insert("missed " + kind_of(x));
    for (const auto& x : d.extra) d.signature.insert("extra " + kind_of(x));
    if (d.missed.empty() && d.extra.empty()) return d;
    const bool reduced = m != mode::bounded;
    const bool oracle_cut_short = std::any_of(want.begin(), want.end(), cut_short);
    const bool found_failure = std::any_of(got.begin(), got.end(), [](const std::string& x) { return !x.starts_with("none"); });
    if (reduced && d.extra.empty() && oracle_cut_short && found_failure) d.masked = true;
    else d.disagrees = true;
    return d;
}

}  // namespace fuzz
