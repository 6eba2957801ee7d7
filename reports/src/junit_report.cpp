// The JUnit report: CI servers (Jenkins, GitLab, GitHub test-reporter
// actions) have no schema in common, only the shape they all parse, so this
// stays with it: a <testsuites> root holding one <testsuite>, since some
// readers find no test cases under a bare <testsuite> root; the conventional
// attributes; a failure body that is the text report, so CI shows what a
// terminal would.
#include <chancheck/reports/markup.hpp>
#include <chancheck/reports/report.hpp>

#include <cstdio>
#include <sstream>

namespace chancheck::reports {

namespace {

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", s);
    return buf;
}

// "shared-channels requesters=2 response-capacity=1": test names must tell
// two checks of one model apart.
std::string case_name(const check_result& r) {
    std::string name = r.model;
    for (const auto& [k, v] : r.params) name += " " + k + "=" + v;
    return name;
}

std::string attribute(const char* name, const std::string& value) {
    return std::string(" ") + name + "=\"" + escape_markup(value) + "\"";
}

void write_property(std::ostream& out, const char* name, const std::string& value) {
    out << "        <property" << attribute("name", name) << attribute("value", value) << "/>\n";
}

// Everything needed to act on the failure without opening another report.
std::string failure_body(const check_result& r) {
    const counterexample& cx = *r.cx;
    std::ostringstream body;
    body << "kind: " << cx.kind << "\n"
         << "message: " << cx.message << "\n";
    if (!cx.schedule.empty()) body << "schedule: " << cx.schedule << "\n";
    if (const std::string replay = replay_command(r); !replay.empty()) body << "replay: " << replay << "\n";
    body << "\n";
    write_text(body, r, {.color = false});
    return body.str();
}

void write_case(std::ostream& out, const check_result& r) {
    out << "    <testcase" << attribute("classname", "chancheck." + r.model) << attribute("name", case_name(r))
        << attribute("time", seconds_text(r.stats.seconds)) << ">\n";
    out << "      <properties>\n";
    write_property(out, "backend", r.backend);
    write_property(out, "strategy", r.strategy);
    write_property(out, "executions", std::to_string(r.stats.executions));
    write_property(out, "verdict", verdict_name(r.outcome));
    out << "      </properties>\n";
    if (r.cx && as_expected(r)) {
        // A known bug, found as declared: a pass, with what was found.
        out << "      <system-out>" << escape_markup(failure_body(r)) << "</system-out>\n";
    } else if (r.cx) {
        out << "      <failure" << attribute("type", r.cx->kind) << attribute("message", r.cx->message) << ">"
            << escape_markup(failure_body(r)) << "</failure>\n";
    } else if (judge(r) == expectation::failed) {
        const std::string why = "expected a " + r.expected + " counterexample; the check ended " + verdict_name(r.outcome);
        out << "      <failure" << attribute("type", "missed") << attribute("message", why) << "/>\n";
    } else if (judge(r) == expectation::cut) {
        // A bounded search found nothing but did not cover every trace. It
        // is not a failure, yet a pass would read as a proof: skipped is the
        // one status every reporter shows as "not verified".
        std::string cuts;
        for (const auto& c : r.cuts) cuts += (cuts.empty() ? "" : "; ") + c;
        out << "      <skipped" << attribute("message", "bounded: " + cuts) << "/>\n";
    }
    out << "    </testcase>\n";
}

}  // namespace

void write_junit(std::ostream& out, std::span<const check_result> results) {
    std::size_t failures = 0, skipped = 0;
    double seconds = 0;
    for (const auto& r : results) {
        if (judge(r) == expectation::failed) ++failures;
        else if (judge(r) == expectation::cut) ++skipped;
        seconds += r.stats.seconds;
    }
    const std::string counts = attribute("name", "chancheck") + attribute("tests", std::to_string(results.size())) +
                               attribute("failures", std::to_string(failures)) + attribute("errors", "0") +
                               attribute("skipped", std::to_string(skipped)) + attribute("time", seconds_text(seconds));
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites" << counts << ">\n";
    out << "  <testsuite" << counts << ">\n";
    for (const auto& r : results) write_case(out, r);
    out << "  </testsuite>\n";
    out << "</testsuites>\n";
}

}  // namespace chancheck::reports
