// Conformance cases as outcome sets, with Go as the reference.
//
// A case is written once, as a template over the backend, and records what
// it observes through an `observer`. One run's outcome is that text plus how
// the run ended ("ok", "panic: send on closed channel", "deadlock", ...).
// Each case declares every outcome the Go spec allows; the explorer's
// exhaustive search must produce exactly that set, and what real threads
// produce over many runs must lie inside it. A Go twin of every case
// (go/twins) prints the same outcome text, and the `go` ctest checks that
// what Go does lies in the explorer's set. README.md says how to add a case.
//
//   // Send statements: a send on a closed channel panics.
//   CONFORMANCE_CASE(close_send_panics, {.name = "close.send_panics",
//                                        .allowed = {"panic: send on closed channel"}}) {
//       auto c = cc::make_chan<int, S>(1, "c");
//       c.close();
//       c.send(1);
//       out.print("unreachable");
//   }
#pragma once

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>
#ifndef CONFORMANCE_THREADS_ONLY
#include <chancheck/explore/explore.hpp>
#endif

#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace conformance {

// What one run observed, kept per stream so that the text does not depend
// on how independent goroutines interleave: the unnamed stream (main's,
// usually) first, then every named stream in name order. Within a stream
// items are in the order printed, so a stream should be written by one
// goroutine, or by several in an order the case makes deterministic.
class observer {
public:
    class stream {
    public:
        template <class... A>
        void print(const A&... a) {
            out_.add(name_, observer::concat(a...));
        }

    private:
        friend class observer;
        stream(observer& out, std::string name) : out_(out), name_(std::move(name)) {}
        observer& out_;
        std::string name_;
    };

    // One item: the arguments written one after the other, as Go's print of
    // one concatenated string (booleans as true/false).
    template <class... A>
    void print(const A&... a) {
        add("", concat(a...));
    }
    stream in(std::string name) { return stream(*this, std::move(name)); }

    void reset();
    // "1 2; a: true; b: 0": items joined by spaces, streams by "; ".
    std::string observed() const;

private:
    template <class... A>
    static std::string concat(const A&... a) {
        std::ostringstream s;
        s << std::boolalpha;
        (s << ... << a);
        return s.str();
    }
    void add(const std::string& stream, std::string item);

    mutable std::mutex m_;
    std::map<std::string, std::vector<std::string>> streams_;
};

// An outcome: what was observed, then how the run ended.
std::string outcome_text(const std::string& observed, const std::string& end);

enum class race_check {
    none,       // not about data races
    racy,       // Go's race detector and the explorer must both report one
    race_free,  // neither may report one
};

struct case_spec {
    std::string name{};  // "file.rule", e.g. "select.default_only_when_nothing_ready"
    // The rule of the Go spec (or memory model, or sync docs) it checks.
    std::string rule{};
    // Every outcome Go allows, as outcome_text gives it.
    std::set<std::string> allowed{};
    // Non-empty: the backend is known to disagree with Go here, and why.
    // The test is then reported as skipped with this reason, not as passed.
    std::string explore_known_failing{};
    std::string threads_known_failing{};
    race_check race = race_check::none;
    // The case may end with goroutines blocked for ever: the threads backend
    // can only tell by waiting, so it runs such a case fewer times.
    bool blocks = false;
    int threads_runs = 50;
    // The threads backend must show every allowed outcome, each in at least
    // a fair share of runs (half of runs / |allowed|): Go's uniform choice.
    bool uniform = false;
    // Which explorer set is Go's. Durations decide (the default): Go's
    // clock keeps timers and sleeps in deadline order, as the virtual clock
    // does (--time synctest). The scheduler decides: a sleep only gives the
    // others time to run, which Go may or may not use, as with timers at any
    // step (--time any). The other set is checked to lie on the right side.
    bool scheduler_decides = false;
};

using body_fn = void (*)(observer&);

struct registered_case {
    case_spec spec;
    body_fn threads = nullptr;
    body_fn explore = nullptr;  // null where the explorer is not built (tsan)
};

bool register_case(case_spec spec, body_fn threads, body_fn explore);
const std::vector<registered_case>& registered_cases();

// The set of outcomes of every interleaving, on the virtual clock or with
// timers at any step (which can only be larger); `complete` is false when
// the search was cut by a limit.
std::set<std::string> explorer_outcomes(const registered_case& c, bool& complete, bool virtual_clock);
// The set the case compares with Go's (case_spec::scheduler_decides).
inline std::set<std::string> explorer_outcomes(const registered_case& c, bool& complete) {
    return explorer_outcomes(c, complete, !c.spec.scheduler_decides);
}
// Each observed outcome with how many of `runs` runs gave it.
std::map<std::string, int> threads_outcomes(const registered_case& c, int runs);

}  // namespace conformance

#ifdef CONFORMANCE_THREADS_ONLY
#define CONFORMANCE_BODIES(id) &id<::chancheck::threads>, nullptr
#else
#define CONFORMANCE_BODIES(id) &id<::chancheck::threads>, &id<::chancheck::explore>
#endif

// Declares case `id` with a case_spec's fields and opens its body, a
// template over the backend `S` with the observer `out`.
#define CONFORMANCE_CASE(id, ...)                                                                       \
    template <class S>                                                                                  \
    void id(::conformance::observer& out);                                                              \
    [[maybe_unused]] const bool id##_registered =                                                       \
        ::conformance::register_case(::conformance::case_spec __VA_ARGS__, CONFORMANCE_BODIES(id));     \
    template <class S>                                                                                  \
    void id([[maybe_unused]] ::conformance::observer& out)
