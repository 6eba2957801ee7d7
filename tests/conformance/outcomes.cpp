// Running conformance cases: the explorer's exhaustive outcome set, the
// outcomes of repeated runs on real threads, and how each run's end reads
// as Go would print it.
#include "outcomes.hpp"

#ifndef CONFORMANCE_THREADS_ONLY
#include <chancheck/explore/explorer.hpp>
#endif

#include <chrono>
#include <functional>
#include <stdexcept>
#include <utility>

namespace conformance {

void observer::reset() {
    std::lock_guard g(m_);
    streams_.clear();
}

void observer::add(const std::string& stream, std::string item) {
    std::lock_guard g(m_);
    streams_[stream].push_back(std::move(item));
}

std::string observer::observed() const {
    std::lock_guard g(m_);
    std::string text;
    for (const auto& [name, items] : streams_) {  // "" sorts first
        if (!text.empty()) text += "; ";
        if (!name.empty()) text += name + ":";
        for (std::size_t i = 0; i < items.size(); ++i) text += (i || !name.empty() ? " " : "") + items[i];
    }
    return text;
}

std::string outcome_text(const std::string& observed, const std::string& end) {
    return observed.empty() ? end : observed + " / " + end;
}

namespace {

std::vector<registered_case>& registry() {
    static std::vector<registered_case> cases;
    return cases;
}

#ifndef CONFORMANCE_THREADS_ONLY
// "goroutine \"g\": panic: send on closed channel" reads as Go prints it.
std::string panic_end(const std::string& message) {
    const std::string tag = "panic: ";
    auto at = message.find(tag);
    return at == std::string::npos ? "panic: " + message : message.substr(at);
}
#endif

}  // namespace

bool register_case(case_spec spec, body_fn threads, body_fn explore) {
    for (const auto& c : registry())
        if (c.spec.name == spec.name) throw std::logic_error("two conformance cases named " + spec.name);
    registry().push_back({std::move(spec), threads, explore});
    return true;
}

const std::vector<registered_case>& registered_cases() { return registry(); }

#ifndef CONFORMANCE_THREADS_ONLY
namespace {

// Every goroutine of an execution runs on the thread the search runs it on,
// and on_execution is called there too: one observer per search thread.
observer& explorer_observer() {
    thread_local observer out;
    return out;
}

std::string explorer_end(const chancheck::explore_detail::execution_result& r) {
    using chancheck::explore_detail::failure_kind;
    switch (r.failure) {
        case failure_kind::none: return "ok";
        case failure_kind::panic: return panic_end(r.message);
        case failure_kind::deadlock: return "deadlock";
        case failure_kind::leak: return "leak";
        case failure_kind::race: return "data race";
        case failure_kind::assertion: return "error: " + r.message;
        case failure_kind::step_limit: return "step limit";
    }
    return "?";
}

}  // namespace

std::set<std::string> explorer_outcomes(const registered_case& c, bool& complete, bool virtual_clock) {
    std::set<std::string> outcomes;
    chancheck::explore_options o;
    o.time_limit_seconds = 60;
    if (virtual_clock) o.time = chancheck::explore_detail::time_mode::synctest;
    o.on_execution = [&](const chancheck::explore_detail::execution_result& r) {
        // What was printed before a race depends on where the search found it.
        const bool race = r.failure == chancheck::explore_detail::failure_kind::race;
        outcomes.insert(outcome_text(race ? "" : explorer_observer().observed(), explorer_end(r)));
    };
    auto result = chancheck::run_explorer(
        [&c] {
            explorer_observer().reset();
            c.explore(explorer_observer());
        },
        o);
    complete = result.outcome != chancheck::verdict::bounded;
    return outcomes;
}
#else
std::set<std::string> explorer_outcomes(const registered_case&, bool& complete, bool) {
    complete = false;
    return {};
}
#endif

namespace {

using threads = chancheck::threads;

std::string threads_end(const threads::run_result& r) {
    using outcome = threads::run_result::outcome;
    switch (r.how) {
        case outcome::completed: return "ok";
        case outcome::failed: {
            if (r.failures.empty()) return "failed";
            const auto& f = r.failures.front();
            return f.is_panic() ? "panic: " + f.message() : "error: " + f.message();
        }
        case outcome::stalled:
            // Go reports a deadlock only while main itself is blocked; with
            // main gone the process would just have exited.
            for (const auto& g : r.alive)
                if (g.name == "main" && !g.finished) return "deadlock";
            return "leak";
    }
    return "?";
}

}  // namespace

std::map<std::string, int> threads_outcomes(const registered_case& c, int runs) {
    std::map<std::string, int> counts;
    for (int i = 0; i < runs; ++i) {
        // Goroutines of a stalled run stay parked and may still hold the
        // observer: every run gets its own, kept alive to the end.
        auto out = std::make_shared<observer>();
        threads::run_options o;
        o.seed = static_cast<std::uint64_t>(i) + 1;
        o.stall_after = c.spec.blocks ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000);
        auto r = threads::run([&c, out] { c.threads(*out); }, o);
        ++counts[outcome_text(out->observed(), threads_end(r))];
        if (r.how == threads::run_result::outcome::stalled) {
            static std::vector<std::shared_ptr<observer>> parked;
            parked.push_back(out);
        }
    }
    return counts;
}

}  // namespace conformance
