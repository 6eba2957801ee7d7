// The structured result of checking a model: what every report format
// renders (reports/), and what the GoogleTest helpers look at. A check is
// `proved` only when a search finished with nothing cut; otherwise it is
// `bounded` and says what was cut, or it carries a counterexample with a
// schedule that replays it exactly.
//
//   check_result r = ...;
//   if (r.verdict == verdict::counterexample) std::cout << r.cx->kind << ": " << r.cx->message;
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chancheck {

enum class verdict { proved, counterexample, bounded };

inline const char* verdict_name(verdict v) {
    switch (v) {
        case verdict::proved: return "proved";
        case verdict::counterexample: return "counterexample";
        case verdict::bounded: return "bounded";
    }
    return "?";
}

// The explorer's longest execution, in steps, unless told otherwise: a
// replay must run under the limit its schedule was found under, so a report
// names any other.
inline constexpr std::size_t default_max_steps = 10'000;

struct check_stats {
    std::uint64_t executions = 0;  // complete executions
    std::uint64_t abandoned = 0;   // executions cut short because all below was covered
    std::uint64_t events = 0;
    double seconds = 0;
    std::uint64_t max_depth = 0;
    std::uint64_t goroutines_started = 0;  // over every execution
};

struct source_line {
    std::string file;
    unsigned line = 0;
};

struct trace_event {
    int step = 0;  // a hand-off is one step taken by two goroutines: two events
    std::string goroutine;
    std::string op;
    std::string object;
    std::string value;
    source_line where;
    // A receive's source: the index in the trace of the send whose value it
    // took (or of the close it observed); -1 for every other event.
    int from = -1;
};

struct blocked_goroutine {
    std::string goroutine;
    std::string waiting_on;  // "send to responses"
    source_line where;
};

struct counterexample {
    std::string kind;  // assertion | deadlock | leak | panic | race | step-limit
    std::string message;
    source_line where;     // the failing operation
    std::string schedule;  // replays it: chancheck replay MODEL -p ... --schedule S
    std::vector<trace_event> trace;
    // Indices into `trace` of the events the failure is about: the failed
    // check and the receive of the value it looked at, the two racing
    // accesses, the operation that panicked.
    std::vector<int> implicated;
    std::vector<blocked_goroutine> blocked;  // for a leak: the leaked goroutines
};

// On real threads there is no schedule to replay: a run counts, per
// property, how many iterations violated it.
struct violation_tally {
    std::string property;
    std::uint64_t iterations = 0;
};

// One part of a search split across processes (check --shard I/N): which
// part, where the tree was split, and whether the part was searched to its
// end with nothing cut. `chancheck merge` joins the parts' reports.
struct shard_info {
    std::uint64_t index = 0;
    std::uint64_t count = 1;
    std::uint64_t split_depth = 0;
    bool searched = false;
};

struct check_result {
    std::string model;
    std::vector<std::pair<std::string, std::string>> params;
    std::string backend = "explore";
    std::string program = "chancheck";  // the command line that replays it: a user's own CLI has its own name
    std::string strategy;
    // The explorer's step limit per execution; 0 where none applied (real
    // threads, Relacy). It decides whether a long schedule is a step-limit
    // counterexample, so the replay command repeats it.
    std::size_t max_steps = 0;
    // Checked as a program's main (check --main program): its return ended
    // everything. Otherwise main was a test function. The replay repeats it.
    bool program_main = false;
    // Checked on the virtual clock (check --time synctest). The replay repeats it.
    bool synctest_time = false;
    verdict outcome = verdict::bounded;
    std::vector<std::string> cuts;
    std::vector<std::string> warnings;  // what is almost certainly a mistake in the model
    std::vector<std::string> properties;
    // What the check was declared to end in (`check --all`, the gallery of
    // known bugs): "" when nothing was declared, "proved", or a kind.
    std::string expected;
    check_stats stats;
    std::vector<violation_tally> violations;  // real threads only
    std::vector<std::string> output;          // what the model printed (real threads: the first iteration)
    std::optional<counterexample> cx;
    std::optional<shard_info> shard;
    std::string build;  // the program's build (merge joins parts of one build only); "" if unknown
};

// How a check went against what was declared (with nothing declared, a
// proof): met; cut (a bounded search found nothing, where a proof was
// wanted); or failed. A declared bug that was not found fails even when the
// search was bounded: finding it is the point of declaring it.
enum class expectation { met, cut, failed };

inline expectation judge(const check_result& r) {
    const bool wants_proof = r.expected.empty() || r.expected == "proved";
    if (r.cx) return !wants_proof && r.cx->kind == r.expected ? expectation::met : expectation::failed;
    if (!wants_proof) return expectation::failed;
    return r.outcome == verdict::proved ? expectation::met : expectation::cut;
}
inline bool as_expected(const check_result& r) { return judge(r) == expectation::met; }

// How every chancheck program exits for one result: 0 proved, 1
// counterexample, 3 bounded (2 is kept for usage errors). A shard that
// searched all of its part and found nothing exits 0: its job is done, and a
// runner that passes a sharded test only when every shard passes (Bazel,
// ctest, a CI matrix) has then covered the whole search.
inline int exit_code(const check_result& r) {
    if (r.shard && r.shard->searched && !r.cx) return 0;
    switch (r.outcome) {
        case verdict::proved: return 0;
        case verdict::counterexample: return 1;
        case verdict::bounded: return 3;
    }
    return 3;
}

}  // namespace chancheck
