// The JSON report: reports/schema/report.schema.json describes it.
#include <chancheck/reports/json_writer.hpp>
#include <chancheck/reports/report.hpp>

namespace chancheck::reports {

void write_json(std::ostream& out, const check_result& r) {
    json_writer w(out);
    w.begin_object();
    w.field("schema", 1);
    w.field("model", r.model);
    w.object_field("params", r.params);
    w.field("backend", r.backend);
    w.field("strategy", r.strategy);
    if (r.max_steps != 0) w.field("max-steps", static_cast<unsigned long long>(r.max_steps));
    if (r.program_main) w.field("main", "program");
    if (r.synctest_time) w.field("time", "synctest");
    w.field("verdict", verdict_name(r.outcome));
    if (!r.expected.empty()) {
        w.field("expected", r.expected);
        w.field("as-expected", as_expected(r));
    }
    w.array_field("cuts", r.cuts);
    if (!r.warnings.empty()) w.array_field("warnings", r.warnings);
    w.array_field("properties", r.properties);
    w.key("stats");
    w.begin_object();
    w.field("executions", static_cast<unsigned long long>(r.stats.executions));
    w.field("abandoned", static_cast<unsigned long long>(r.stats.abandoned));
    w.field("events", static_cast<unsigned long long>(r.stats.events));
    w.field("seconds", r.stats.seconds);
    w.field("max-depth", static_cast<unsigned long long>(r.stats.max_depth));
    w.field("goroutines-started", static_cast<unsigned long long>(r.stats.goroutines_started));
    w.end_object();
    if (!r.build.empty()) w.field("build", r.build);
    if (r.shard) {
        w.key("shard");
        w.begin_object();
        w.field("index", static_cast<unsigned long long>(r.shard->index));
        w.field("count", static_cast<unsigned long long>(r.shard->count));
        w.field("split-depth", static_cast<unsigned long long>(r.shard->split_depth));
        w.field("searched", r.shard->searched);
        w.end_object();
    }
    if (!r.output.empty()) w.array_field("output", r.output);
    if (!r.violations.empty()) {
        w.key("violations");
        w.begin_array();
        for (const auto& v : r.violations) {
            w.begin_object();
            w.field("property", v.property);
            w.field("iterations", static_cast<unsigned long long>(v.iterations));
            w.end_object();
        }
        w.end_array();
    }
    if (r.cx) {
        const counterexample& cx = *r.cx;
        w.key("counterexample");
        w.begin_object();
        w.field("kind", cx.kind);
        w.field("message", cx.message);
        w.field("file", cx.where.file);
        w.field("line", static_cast<unsigned long>(cx.where.line));
        w.field("schedule", cx.schedule);
        w.field("replay", replay_command(r));
        w.key("trace");
        w.begin_array();
        for (const auto& t : cx.trace) {
            w.begin_object();
            w.field("step", t.step);
            w.field("goroutine", t.goroutine);
            w.field("operation", t.op);
            w.field("object", t.object);
            w.field("value", t.value);
            w.field("file", t.where.file);
            w.field("line", static_cast<unsigned long>(t.where.line));
            if (t.from >= 0) w.field("from", t.from);
            w.end_object();
        }
        w.end_array();
        w.key("blocked");
        w.begin_array();
        for (const auto& b : cx.blocked) {
            w.begin_object();
            w.field("goroutine", b.goroutine);
            w.field("waiting-on", b.waiting_on);
            w.field("file", b.where.file);
            w.field("line", static_cast<unsigned long>(b.where.line));
            w.end_object();
        }
        w.end_array();
        w.array_field("implicated", cx.implicated);
        w.end_object();
    }
    w.end_object();
    out << "\n";
}

}  // namespace chancheck::reports
