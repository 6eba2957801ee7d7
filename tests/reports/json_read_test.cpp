// The JSON report read back: every fixture comes back field for field, and
// renders in every format exactly as the original did; a broken report is a
// runtime_error whose one line names what is wrong.
#include "sample_results.hpp"

#include <chancheck/reports/report.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace chancheck::reports {
namespace {

using namespace chancheck::testing_reports;

void expect_same(const source_line& got, const source_line& want) {
    EXPECT_EQ(got.file, want.file);
    EXPECT_EQ(got.line, want.line);
}

void expect_same(const counterexample& got, const counterexample& want) {
    EXPECT_EQ(got.kind, want.kind);
    EXPECT_EQ(got.message, want.message);
    expect_same(got.where, want.where);
    EXPECT_EQ(got.schedule, want.schedule);
    ASSERT_EQ(got.trace.size(), want.trace.size());
    for (std::size_t i = 0; i < want.trace.size(); ++i) {
        SCOPED_TRACE("trace[" + std::to_string(i) + "]");
        const trace_event& g = got.trace[i];
        const trace_event& w = want.trace[i];
        EXPECT_EQ(g.step, w.step);
        EXPECT_EQ(g.goroutine, w.goroutine);
        EXPECT_EQ(g.op, w.op);
        EXPECT_EQ(g.object, w.object);
        EXPECT_EQ(g.value, w.value);
        expect_same(g.where, w.where);
        EXPECT_EQ(g.from, w.from);
    }
    EXPECT_EQ(got.implicated, want.implicated);
    ASSERT_EQ(got.blocked.size(), want.blocked.size());
    for (std::size_t i = 0; i < want.blocked.size(); ++i) {
        SCOPED_TRACE("blocked[" + std::to_string(i) + "]");
        EXPECT_EQ(got.blocked[i].goroutine, want.blocked[i].goroutine);
        EXPECT_EQ(got.blocked[i].waiting_on, want.blocked[i].waiting_on);
        expect_same(got.blocked[i].where, want.blocked[i].where);
    }
}

void expect_same(const check_result& got, const check_result& want) {
    EXPECT_EQ(got.model, want.model);
    EXPECT_EQ(got.params, want.params);
    EXPECT_EQ(got.backend, want.backend);
    EXPECT_EQ(got.program, want.program);
    EXPECT_EQ(got.strategy, want.strategy);
    EXPECT_EQ(got.max_steps, want.max_steps);
    EXPECT_EQ(got.outcome, want.outcome);
    EXPECT_EQ(got.cuts, want.cuts);
    EXPECT_EQ(got.warnings, want.warnings);
    EXPECT_EQ(got.properties, want.properties);
    EXPECT_EQ(got.expected, want.expected);
    EXPECT_EQ(got.stats.executions, want.stats.executions);
    EXPECT_EQ(got.stats.abandoned, want.stats.abandoned);
    EXPECT_EQ(got.stats.events, want.stats.events);
    EXPECT_EQ(got.stats.seconds, want.stats.seconds);
    EXPECT_EQ(got.stats.max_depth, want.stats.max_depth);
    EXPECT_EQ(got.stats.goroutines_started, want.stats.goroutines_started);
    ASSERT_EQ(got.violations.size(), want.violations.size());
    for (std::size_t i = 0; i < want.violations.size(); ++i) {
        EXPECT_EQ(got.violations[i].property, want.violations[i].property);
        EXPECT_EQ(got.violations[i].iterations, want.violations[i].iterations);
    }
    EXPECT_EQ(got.output, want.output);
    ASSERT_EQ(got.cx.has_value(), want.cx.has_value());
    if (want.cx) expect_same(*got.cx, *want.cx);
}

// Every optional field the writer has, set, and text that needs escaping.
check_result decorated() {
    check_result r = misrouting();
    r.program = "team's checker";  // quoted in the replay command, the only place it is kept
    r.expected = "assertion";
    r.warnings = {"the model started no goroutine"};
    r.output = {"say \"hi\"", "tab\tbell\x07 back\\slash", "\xc3\xbcnicode", ""};
    r.stats.seconds = 1.5;
    r.max_steps = 80;  // not the default: the replay command says it too
    return r;
}

check_result relacy_run() {
    check_result r = threads_run();
    r.backend = "relacy";
    r.output = {"requester 1 got 0"};
    return r;
}

std::vector<std::pair<std::string, check_result>> every_fixture() {
    return {{"misrouting", misrouting()}, {"deadlock", deadlock()},     {"race", race()},
            {"proof", proof()},           {"bounded", bounded()},       {"threads_run", threads_run()},
            {"decorated", decorated()},   {"relacy_run", relacy_run()}};
}

// The error's message, or "<no error>": a test then says what it expected.
std::string error_of(const std::string& text) {
    try {
        read_json(text);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "<no error>";
}

void expect_error(const std::string& text, const std::string& names) {
    const std::string message = error_of(text);
    EXPECT_NE(message.find(names), std::string::npos) << "message: " << message << "\nexpected it to name: " << names;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    if (at == std::string::npos) ADD_FAILURE() << from << " not in " << s;
    else s.replace(at, from.size(), to);
    return s;
}

TEST(JsonRead, EveryFixtureComesBackFieldForField) {
    for (const auto& [name, r] : every_fixture()) {
        SCOPED_TRACE(name);
        const std::string json = to_string(r, "json");
        const check_result back = read_json(json);
        expect_same(back, r);
        for (const std::string& format : format_names())
            EXPECT_EQ(to_string(back, format), to_string(r, format)) << format;
    }
}

TEST(JsonRead, NotJsonIsAnError) {
    for (const char* bad : {"", "not json", "{\"model\":}", "{\"model\":\"m\"} trailing"})
        expect_error(bad, "report: not valid JSON: ");
    expect_error("[1, 2]", "report: the document is not a JSON object");
}

TEST(JsonRead, TruncatedDocumentIsAnError) {
    const std::string json = to_string(deadlock(), "json");
    for (std::size_t keep : {std::size_t{1}, json.size() / 3, json.size() / 2, json.size() - 3})
        expect_error(json.substr(0, keep), "report: not valid JSON: ");
}

TEST(JsonRead, WrongTypeForVerdictIsAnError) {
    const std::string json = to_string(misrouting(), "json");
    expect_error(replaced(json, "\"verdict\":\"counterexample\"", "\"verdict\":1"),
                 "report: field \"verdict\" must be a string");
    expect_error(replaced(json, "\"verdict\":\"counterexample\"", "\"verdict\":\"maybe\""),
                 "report: field \"verdict\" must be proved, counterexample or bounded");
}

TEST(JsonRead, OtherWrongTypesNameTheField) {
    const std::string json = to_string(deadlock(), "json");
    expect_error(replaced(json, "\"stats\":{", "\"stats\":[],\"was\":{"), "field \"stats\" must be an object");
    expect_error(replaced(json, "\"cuts\":[", "\"cuts\":[7,"), "field \"cuts[0]\" must be a string");
    expect_error(replaced(json, "\"step\":", "\"step\":-1,\"was\":"),
                 "field \"counterexample.trace[0].step\" must be a non-negative integer");
    expect_error(replaced(json, "\"executions\":", "\"executions\":\"1\",\"was\":"),
                 "field \"stats.executions\" must be a non-negative integer");
    expect_error(replaced(json, "\"schema\":1", "\"schema\":2"), "field \"schema\" must be 1");
    expect_error(replaced(to_string(proof(), "json"), "}\n", ",\"counterexample\":{}}"),
                 "field \"counterexample\" is only for a counterexample verdict");
}

// Renaming a key removes it, and adds a field the reader must ignore: the
// only error left is the missing field.
TEST(JsonRead, MissingRequiredFieldIsAnError) {
    const std::string json = to_string(deadlock(), "json");
    const std::vector<std::pair<std::string, std::string>> fields{
        {"schema", "schema"},
        {"model", "model"},
        {"params", "params"},
        {"backend", "backend"},
        {"strategy", "strategy"},
        {"verdict", "verdict"},
        {"cuts", "cuts"},
        {"properties", "properties"},
        {"stats", "stats"},
        {"max-depth", "stats.max-depth"},
        {"counterexample", "counterexample"},
        {"schedule", "counterexample.schedule"},
        {"replay", "counterexample.replay"},
        {"file", "counterexample.file"},
        {"operation", "counterexample.trace[0].operation"},
        {"waiting-on", "counterexample.blocked[0].waiting-on"},
        {"implicated", "counterexample.implicated"}};
    for (const auto& [key, path] : fields)
        expect_error(replaced(json, "\"" + key + "\":", "\"renamed-" + key + "\":"),
                     "report: missing field \"" + path + "\"");
}

TEST(JsonRead, UnknownFieldsAreIgnored) {
    const check_result r = race();
    std::string json = to_string(r, "json");
    json = replaced(json, "{", "{\"from-the-future\":{\"nested\":[1,null,true]},");
    json = replaced(json, "\"abandoned\":", "\"cpu-seconds\":0.5,\"abandoned\":");
    json = replaced(json, "\"operation\":", "\"thread-id\":17,\"operation\":");
    expect_same(read_json(json), r);
}

}  // namespace
}  // namespace chancheck::reports
