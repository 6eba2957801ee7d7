// Relacy's outcome as a check_result.
#include "result.hpp"

#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace chancheck::relacy_run {

namespace {

const char* scheduler_name(const std::string& strategy) {
    if (strategy == "bounded") return "context-bound scheduler";
    if (strategy == "exhaustive") return "full-search scheduler";
    return "random scheduler";
}

// chancheck's kind for what Relacy reported.
std::string kind_of(const outcome& out) {
    using relacy_detail::failure_kind;
    switch (out.failure.kind) {
        case failure_kind::assertion: return "assertion";
        case failure_kind::panic: return "panic";
        case failure_kind::leak: return "leak";
        case failure_kind::capacity:
        case failure_kind::none: break;
    }
    switch (out.result) {
        case rl::test_result_user_assert_failed:
        case rl::test_result_user_invariant_failed: return "assertion";
        case rl::test_result_deadlock: return "deadlock";
        case rl::test_result_data_race: return "race";
        case rl::test_result_livelock: return "step-limit";
        case rl::test_result_memory_leak:
        case rl::test_result_resource_leak: return "leak";
        default: return "panic";  // use after free, double free, mutex misuse: the program crashed
    }
}

std::string describe_blocked(const std::vector<relacy_detail::blocked_record>& blocked) {
    std::string s;
    for (const auto& b : blocked) s += (s.empty() ? "" : ", ") + b.goroutine + " (" + b.waiting_on + ")";
    return s;
}

std::string message_of(const outcome& out, const std::string& kind) {
    if (out.failure.kind != relacy_detail::failure_kind::none) {
        std::string m = out.failure.message;
        if (out.failure.goroutine[0] && out.failure.kind == relacy_detail::failure_kind::panic)
            m = std::string("goroutine ") + out.failure.goroutine + ": " + m;
        return m;
    }
    if (kind == "deadlock") return "all goroutines are asleep: " + describe_blocked(out.blocked);
    if (kind == "race") return "data race (Relacy): two accesses, at least one a write, with no happens-before order";
    if (kind == "step-limit")
        return "an iteration ran past the depth limit: a livelock, or a program longer than --depth-limit";
    return rl::test_result_str(out.result);
}

// "<0x55...>" at the start of an event's text.
bool take_address(std::string& text, std::uintptr_t& address) {
    if (text.size() < 4 || text[0] != '<') return false;
    const auto close = text.find('>');
    if (close == std::string::npos) return false;
    address = std::strtoull(text.c_str() + 1, nullptr, 16);
    text = text.substr(close + 1);
    while (!text.empty() && text[0] == ' ') text.erase(0, 1);
    return true;
}

}  // namespace

std::vector<trace_event> parse_history(const std::string& history, const std::vector<std::string>& names,
                                       const std::vector<relacy_detail::world::object_label>& labels) {
    std::vector<trace_event> events;
    std::istringstream in(history);
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside) {
            inside = line.rfind("execution history", 0) == 0;
            continue;
        }
        if (line.empty() || line[0] != '[') break;  // the per-thread listings follow
        // "[12] 3: text, in function, file(line)"
        const auto close = line.find("] ");
        const auto colon = line.find(": ", close);
        if (close == std::string::npos || colon == std::string::npos) continue;
        const int step = std::atoi(line.c_str() + 1);
        const std::size_t thread = std::strtoul(line.c_str() + close + 2, nullptr, 10);
        std::string rest = line.substr(colon + 2);
        source_line where;
        if (const auto in_fn = rest.rfind(", in "); in_fn != std::string::npos) {
            std::string loc = rest.substr(in_fn + 5);
            rest = rest.substr(0, in_fn);
            // A C++ function name may hold ", " itself: the file follows the last one.
            const auto comma = loc.rfind(", ");
            const auto paren = loc.rfind('(');
            if (comma != std::string::npos && paren != std::string::npos && paren > comma) {
                where.file = loc.substr(comma + 2, paren - comma - 2);
                where.line = static_cast<unsigned>(std::strtoul(loc.c_str() + paren + 1, nullptr, 10));
            }
        }
        // Relacy's own bookkeeping (building the suite, initialising an
        // atomic, the heap) says nothing about the program.
        if (where.file.find("include/relacy/") != std::string::npos && rest.find("DEADLOCK") == std::string::npos &&
            rest.find("LIVELOCK") == std::string::npos && rest.find("livelock") == std::string::npos)
            continue;
        if (rest.rfind("memory ", 0) == 0) continue;
        trace_event e;
        e.step = step;
        e.goroutine = thread < names.size() && !names[thread].empty() ? names[thread] : "thread " + std::to_string(thread);
        std::uintptr_t address = 0;
        if (take_address(rest, address)) {
            e.object = "object";
            for (const auto& l : labels)
                if (address >= l.address && address < l.address + l.size) {
                    e.object = l.name;
                    break;
                }
        }
        // A pattern-level event the backend wrote: "[op] object: value".
        if (rest.size() > 2 && rest[0] == '[' && rest.find("] ") != std::string::npos) {
            const auto end = rest.find("] ");
            e.op = rest.substr(1, end - 1);
            std::string tail = rest.substr(end + 2);
            const auto colon = tail.find(": ");
            e.object = tail.substr(0, colon);
            if (colon != std::string::npos) e.value = tail.substr(colon + 2);
        } else {
            e.op = rest;
        }
        e.where = where;
        events.push_back(std::move(e));
    }
    return events;
}

std::string schedule_of(const options& o, const outcome& out) {
    std::string state = out.final_state;
    while (!state.empty() && (state.back() == ' ' || state.back() == '\n')) state.pop_back();
    return o.strategy + ":" + std::to_string(out.goroutines) + ":" + state;
}

void apply_schedule(const std::string& schedule, options& o, std::size_t& size) {
    const auto a = schedule.find(':');
    const auto b = a == std::string::npos ? a : schedule.find(':', a + 1);
    if (b == std::string::npos) throw std::invalid_argument("a relacy schedule reads STRATEGY:SIZE:STATE");
    o.strategy = schedule.substr(0, a);
    if (o.strategy != "random" && o.strategy != "bounded" && o.strategy != "exhaustive")
        throw std::invalid_argument("unknown strategy \"" + o.strategy + "\" in the schedule");
    size = std::strtoul(schedule.c_str() + a + 1, nullptr, 10);
    bool known = false;
    for (std::size_t n : sizes()) known = known || n == size;
    if (!known) throw std::invalid_argument("no build of size " + schedule.substr(a + 1, b - a - 1));
    o.initial_state = schedule.substr(b + 1);
    if (o.initial_state.empty()) throw std::invalid_argument("the schedule holds no Relacy state");
}

check_result to_check_result(const std::string& model, std::vector<std::pair<std::string, std::string>> params,
                             const options& o, const outcome& out, double seconds) {
    check_result r;
    r.model = model;
    r.params = std::move(params);
    r.backend = "relacy";
    r.strategy = scheduler_name(o.strategy);
    r.stats.executions = out.iterations;
    r.stats.seconds = seconds;
    r.stats.goroutines_started = 0;
    if (out.result == rl::test_result_success) {
        if (o.strategy == "exhaustive" && o.initial_state.empty()) {
            r.outcome = verdict::proved;
        } else {
            r.outcome = verdict::bounded;
            char cut[160];
            if (o.strategy == "bounded")
                std::snprintf(cut, sizeof cut, "context bound %u: %llu iterations, every schedule with at most %u preemptions",
                              o.preemption_bound, static_cast<unsigned long long>(out.iterations), o.preemption_bound);
            else
                std::snprintf(cut, sizeof cut, "random scheduler: %llu sampled iterations, not every interleaving",
                              static_cast<unsigned long long>(out.iterations));
            r.cuts.push_back(cut);
        }
        return r;
    }
    r.outcome = verdict::counterexample;
    counterexample cx;
    cx.kind = kind_of(out);
    cx.message = message_of(out, cx.kind);
    if (out.failure.file && *out.failure.file) cx.where = {out.failure.file, out.failure.line};
    cx.schedule = schedule_of(o, out);
    cx.trace = parse_history(out.history, out.names, out.labels);
    if (!cx.trace.empty()) {
        const int last = static_cast<int>(cx.trace.size()) - 1;
        // A failed check looked at what its goroutine received last.
        if (cx.kind == "assertion")
            for (int i = last - 1; i >= 0; --i) {
                const trace_event& e = cx.trace[static_cast<std::size_t>(i)];
                if (e.goroutine != cx.trace.back().goroutine) continue;
                if (e.op == "receive" || e.op == "select receive") {
                    cx.implicated.push_back(i);
                    break;
                }
            }
        cx.implicated.push_back(last);
        if (cx.where.file.empty()) cx.where = cx.trace.back().where;
    }
    for (const auto& b : out.blocked) cx.blocked.push_back({b.goroutine, b.waiting_on, {b.file, b.line}});
    r.cx = std::move(cx);
    return r;
}

}  // namespace chancheck::relacy_run
