// The SARIF 2.1.0 report: code-scanning UIs annotate the failing line and
// step through a result's code flow, so a counterexample's interleaving goes
// there as one thread flow per goroutine, with executionOrder keeping the
// global order a per-goroutine view would lose.
// reports/schema/sarif-2.1.0.schema.json checks what this emits.
#include <chancheck/reports/json_writer.hpp>
#include <chancheck/reports/report.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace chancheck::reports {

namespace {

const char* rule_description(const std::string& kind) {
    if (kind == "assertion") return "A property the model checks does not hold in some interleaving.";
    if (kind == "deadlock") return "Every goroutine is blocked: the program can make no progress.";
    if (kind == "leak") return "Goroutines are still blocked when the program ends.";
    if (kind == "panic") return "A goroutine panicked, e.g. sending on or closing a closed channel.";
    if (kind == "race") return "Two accesses to shared memory, at least one a write, are not ordered.";
    if (kind == "step-limit") return "An execution ran past the step limit: a livelock suspect.";
    return "A counterexample found by chancheck.";
}

std::string rule_id(const std::string& kind) { return "chancheck/" + kind; }

// Without a file there is nothing to point at; without a line, no region.
void write_physical_location(json_writer& w, const source_line& at) {
    w.key("physicalLocation");
    w.begin_object();
    w.key("artifactLocation");
    w.begin_object();
    w.field("uri", at.file);
    w.field("uriBaseId", "SRCROOT");
    w.end_object();
    if (at.line > 0) {
        w.key("region");
        w.begin_object();
        w.field("startLine", static_cast<unsigned long>(at.line));
        w.end_object();
    }
    w.end_object();
}

std::string event_text(const trace_event& t) {
    std::string text = t.op;
    if (!t.object.empty()) text += " " + t.object;
    if (!t.value.empty()) text += " " + t.value;
    return text;
}

void write_code_flow(json_writer& w, const counterexample& cx) {
    std::vector<std::string> goroutines;  // in order of first appearance
    for (const auto& t : cx.trace)
        if (std::find(goroutines.begin(), goroutines.end(), t.goroutine) == goroutines.end())
            goroutines.push_back(t.goroutine);
    w.key("codeFlows");
    w.begin_array();
    w.begin_object();
    w.key("threadFlows");
    w.begin_array();
    for (const auto& g : goroutines) {
        w.begin_object();
        w.field("id", g);
        w.key("locations");
        w.begin_array();
        for (std::size_t i = 0; i < cx.trace.size(); ++i) {
            const trace_event& t = cx.trace[i];
            if (t.goroutine != g) continue;
            const bool implicated =
                std::find(cx.implicated.begin(), cx.implicated.end(), static_cast<int>(i)) != cx.implicated.end();
            w.begin_object();
            w.key("location");
            w.begin_object();
            w.key("message");
            w.begin_object();
            w.field("text", event_text(t));
            w.end_object();
            if (!t.where.file.empty()) write_physical_location(w, t.where);
            w.end_object();
            w.field("executionOrder", static_cast<unsigned long>(i));
            w.field("importance", implicated ? "essential" : "important");
            w.key("properties");
            w.begin_object();
            w.field("step", t.step);
            if (t.from >= 0) w.field("from", t.from);
            w.end_object();
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.end_object();
    w.end_array();
}

void write_result(json_writer& w, const check_result& r, std::size_t rule_index) {
    const counterexample& cx = *r.cx;
    w.begin_object();
    w.field("ruleId", rule_id(cx.kind));
    w.field("ruleIndex", static_cast<unsigned long>(rule_index));
    // A known bug found as declared (the gallery) is news to nobody.
    w.field("level", r.cx && !r.expected.empty() && as_expected(r) ? "note" : "error");
    w.key("message");
    w.begin_object();
    w.field("text", cx.message);
    w.end_object();
    if (!cx.where.file.empty()) {
        w.key("locations");
        w.begin_array();
        w.begin_object();
        write_physical_location(w, cx.where);
        w.end_object();
        w.end_array();
    }
    // Real threads record no trace: no flow to show.
    if (!cx.trace.empty()) write_code_flow(w, cx);
    w.key("properties");
    w.begin_object();
    w.field("model", r.model);
    w.object_field("params", r.params);
    w.field("backend", r.backend);
    w.field("strategy", r.strategy);
    if (!cx.schedule.empty()) w.field("schedule", cx.schedule);
    if (const std::string replay = replay_command(r); !replay.empty()) w.field("replay", replay);
    w.end_object();
    w.end_object();
}

}  // namespace

void write_sarif(std::ostream& out, std::span<const check_result> results) {
    std::vector<std::string> kinds;  // one rule per kind found, in order of first appearance
    for (const auto& r : results)
        if (r.cx && std::find(kinds.begin(), kinds.end(), r.cx->kind) == kinds.end()) kinds.push_back(r.cx->kind);

    json_writer w(out);
    w.begin_object();
    w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    w.field("version", "2.1.0");
    w.key("runs");
    w.begin_array();
    w.begin_object();
    w.key("tool");
    w.begin_object();
    w.key("driver");
    w.begin_object();
    w.field("name", "chancheck");
    w.key("rules");
    w.begin_array();
    for (const auto& kind : kinds) {
        w.begin_object();
        w.field("id", rule_id(kind));
        w.field("name", kind);
        w.key("shortDescription");
        w.begin_object();
        w.field("text", rule_description(kind));
        w.end_object();
        w.key("defaultConfiguration");
        w.begin_object();
        w.field("level", "error");
        w.end_object();
        w.end_object();
    }
    w.end_array();
    w.end_object();
    w.end_object();
    // An empty list says the checks ran and found nothing; no list would
    // mean they did not run.
    w.key("results");
    w.begin_array();
    for (const auto& r : results) {
        if (!r.cx) continue;
        const auto rule = std::find(kinds.begin(), kinds.end(), r.cx->kind) - kinds.begin();
        write_result(w, r, static_cast<std::size_t>(rule));
    }
    w.end_array();
    w.end_object();
    w.end_array();
    w.end_object();
    out << "\n";
}

}  // namespace chancheck::reports
