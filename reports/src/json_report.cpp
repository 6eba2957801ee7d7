// The JSON report: reports/schema/report.schema.json describes it.
#include <chancheck/reports/json_writer.hpp>
#include <chancheck/reports/report.hpp>

#include <sstream>

namespace chancheck::reports {

void write_json(std::ostream& out, const check_result& r) {
    json_writer w(out);
    w.begin_object();
    w.key("schema");
    w.value(1);
    w.key("model");
    w.value(r.model);
    w.key("params");
    w.begin_object();
    for (const auto& [k, v] : r.params) {
        w.key(k);
        w.value(v);
    }
    w.end_object();
    w.key("backend");
    w.value(r.backend);
    w.key("strategy");
    w.value(r.strategy);
    w.key("verdict");
    w.value(verdict_name(r.outcome));
    w.key("cuts");
    w.begin_array();
    for (const auto& c : r.cuts) w.value(c);
    w.end_array();
    w.key("properties");
    w.begin_array();
    for (const auto& p : r.properties) w.value(p);
    w.end_array();
    w.key("stats");
    w.begin_object();
    w.key("executions");
    w.value(static_cast<unsigned long long>(r.stats.executions));
    w.key("abandoned");
    w.value(static_cast<unsigned long long>(r.stats.abandoned));
    w.key("events");
    w.value(static_cast<unsigned long long>(r.stats.events));
    w.key("seconds");
    w.value(r.stats.seconds);
    w.key("max-depth");
    w.value(static_cast<unsigned long long>(r.stats.max_depth));
    w.end_object();
    if (r.cx) {
        const counterexample& cx = *r.cx;
        w.key("counterexample");
        w.begin_object();
        w.key("kind");
        w.value(cx.kind);
        w.key("message");
        w.value(cx.message);
        w.key("schedule");
        w.value(cx.schedule);
        w.key("replay");
        w.value(replay_command(r));
        w.key("trace");
        w.begin_array();
        for (const auto& t : cx.trace) {
            w.begin_object();
            w.key("step");
            w.value(t.step);
            w.key("goroutine");
            w.value(t.goroutine);
            w.key("operation");
            w.value(t.op);
            w.key("object");
            w.value(t.object);
            w.key("value");
            w.value(t.value);
            w.key("file");
            w.value(t.file);
            w.key("line");
            w.value(static_cast<unsigned long>(t.line));
            w.end_object();
        }
        w.end_array();
        w.key("blocked");
        w.begin_array();
        for (const auto& [g, what] : cx.blocked) {
            w.begin_object();
            w.key("goroutine");
            w.value(g);
            w.key("waiting-on");
            w.value(what);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_object();
    out << "\n";
}

std::string to_string(const check_result& r, const std::string& format) {
    std::ostringstream o;
    if (format == "json") write_json(o, r);
    else write_text(o, r);
    return o.str();
}

}  // namespace chancheck::reports
