// The structured result of checking a model: what every report format
// renders (reports/), and what the GoogleTest helpers look at. A check is
// `proved` only when a search finished with nothing cut; otherwise it is
// `bounded` and says what was cut, or it carries a counterexample with a
// schedule that replays it exactly.
//
//   check_result r = ...;
//   if (r.verdict == verdict::counterexample) std::cout << r.cx->kind << ": " << r.cx->message;
#pragma once

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

struct check_stats {
    std::uint64_t executions = 0;  // complete executions
    std::uint64_t abandoned = 0;   // executions cut short because all below was covered
    std::uint64_t events = 0;
    double seconds = 0;
    std::uint64_t max_depth = 0;
};

struct trace_event {
    int step = 0;
    std::string goroutine;
    std::string op;
    std::string object;
    std::string value;
    std::string file;
    unsigned line = 0;
};

struct counterexample {
    std::string kind;  // assertion | deadlock | leak | panic | race | step-limit
    std::string message;
    std::string schedule;  // replays it: chancheck replay MODEL -p ... --schedule S
    std::vector<trace_event> trace;
    std::vector<std::pair<std::string, std::string>> blocked;  // goroutine, what it waits on
};

struct check_result {
    std::string model;
    std::vector<std::pair<std::string, std::string>> params;
    std::string backend = "explore";
    std::string strategy;
    verdict outcome = verdict::bounded;
    std::vector<std::string> cuts;
    std::vector<std::string> properties;
    check_stats stats;
    std::optional<counterexample> cx;
};

}  // namespace chancheck
