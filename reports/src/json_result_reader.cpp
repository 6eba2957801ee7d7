// The JSON report read back into a check_result. It mirrors json_report.cpp
// field for field: what the writer leaves out when empty reads back as
// empty, and what it derives (as-expected, replay) is not taken as data.
#include <chancheck/reports/json_reader.hpp>
#include <chancheck/reports/report.hpp>

#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace chancheck::reports {
namespace {

using kind = json_value::kind;

[[noreturn]] void fail(const std::string& why) { throw std::runtime_error("report: " + why); }

std::string quoted(const std::string& path) { return "\"" + path + "\""; }

std::string as_string(const json_value& v, const std::string& path) {
    if (v.type != kind::string) fail("field " + quoted(path) + " must be a string");
    return v.text;
}

// Every count, line, step and index the schema has is non-negative, and so
// are seconds: one check covers them all.
template <class T>
T as_number(const json_value& v, const std::string& path) {
    T out{};
    if (v.type == kind::number) {
        const char* end = v.text.data() + v.text.size();
        const auto [ptr, ec] = std::from_chars(v.text.data(), end, out);
        bool ok = ec == std::errc() && ptr == end;
        if constexpr (std::is_signed_v<T> || std::is_floating_point_v<T>) ok = ok && !(out < 0);
        if (ok) return out;
    }
    fail("field " + quoted(path) + " must be a non-negative " + (std::is_integral_v<T> ? "integer" : "number"));
}

// One object of the report. Its path ("counterexample.trace[3]") goes into
// every message, so an error points at the spot in the document.
class fields {
public:
    fields(const json_value& v, std::string path) : v_(v), path_(std::move(path)) {
        if (v.type == kind::object) return;
        fail(path_.empty() ? "the document is not a JSON object" : "field " + quoted(path_) + " must be an object");
    }

    // The writer leaves optional fields out rather than writing them empty.
    bool has(std::string_view key) const { return find(key) != nullptr; }

    const json_value& need(std::string_view key) const {
        const json_value* v = find(key);
        if (!v) fail("missing field " + quoted(path(key)));
        return *v;
    }
    std::string path(std::string_view key) const {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }

    std::string string(std::string_view key) const { return as_string(need(key), path(key)); }
    template <class T>
    T number(std::string_view key) const {
        return as_number<T>(need(key), path(key));
    }
    bool boolean(std::string_view key) const {
        const json_value& v = need(key);
        if (v.type != kind::boolean) fail("field " + quoted(path(key)) + " must be true or false");
        return v.text == "true";
    }
    fields object(std::string_view key) const { return fields(need(key), path(key)); }
    const json_value& value() const { return v_; }

    template <class F>
    void each(std::string_view key, F&& read) const {
        const json_value& a = need(key);
        if (a.type != kind::array) fail("field " + quoted(path(key)) + " must be an array");
        for (std::size_t i = 0; i < a.items.size(); ++i) read(a.items[i], path(key) + "[" + std::to_string(i) + "]");
    }
    std::vector<std::string> strings(std::string_view key) const {
        std::vector<std::string> out;
        each(key, [&](const json_value& v, const std::string& p) { out.push_back(as_string(v, p)); });
        return out;
    }

private:
    // Not json_value::operator[]: that reads a missing field as null, and a
    // missing field is an error of its own.
    const json_value* find(std::string_view key) const {
        for (const auto& [k, v] : v_.members)
            if (k == key) return &v;
        return nullptr;
    }

    const json_value& v_;
    std::string path_;
};

verdict as_verdict(const fields& top) {
    const std::string s = top.string("verdict");
    for (verdict v : {verdict::proved, verdict::counterexample, verdict::bounded})
        if (s == verdict_name(v)) return v;
    fail("field \"verdict\" must be proved, counterexample or bounded");
}

source_line where(const fields& f) { return {f.string("file"), f.number<unsigned>("line")}; }

counterexample read_counterexample(const fields& f) {
    counterexample cx;
    cx.kind = f.string("kind");
    cx.message = f.string("message");
    cx.where = where(f);
    cx.schedule = f.string("schedule");
    f.each("trace", [&](const json_value& v, const std::string& p) {
        const fields e(v, p);
        trace_event t;
        t.step = e.number<int>("step");
        t.goroutine = e.string("goroutine");
        t.op = e.string("operation");
        t.object = e.string("object");
        t.value = e.string("value");
        t.where = where(e);
        if (e.has("from")) t.from = e.number<int>("from");
        cx.trace.push_back(std::move(t));
    });
    f.each("blocked", [&](const json_value& v, const std::string& p) {
        const fields b(v, p);
        cx.blocked.push_back({b.string("goroutine"), b.string("waiting-on"), where(b)});
    });
    f.each("implicated",
           [&](const json_value& v, const std::string& p) { cx.implicated.push_back(as_number<int>(v, p)); });
    return cx;
}

// The writer keeps the program name only as the replay command's first
// word, shell-quoted by quote_arg (text_report.cpp): 'it'\''s' is it's.
std::string first_word(std::string_view cmd) {
    std::string out;
    bool in_quotes = false;
    for (std::size_t i = 0; i < cmd.size(); ++i) {
        const char c = cmd[i];
        if (c == '\'') in_quotes = !in_quotes;
        else if (c == '\\' && !in_quotes && i + 1 < cmd.size()) out += cmd[++i];
        else if (c == ' ' && !in_quotes) break;
        else out += c;
    }
    return out;
}

}  // namespace

check_result read_json(std::string_view text) {
    json_value doc;
    try {
        doc = parse_json(text);
    } catch (const std::invalid_argument& e) {
        std::string why = e.what();
        if (why.rfind("JSON: ", 0) == 0) why.erase(0, 6);
        fail("not valid JSON: " + why);
    }
    const fields top(doc, "");
    // A reader that guessed at a newer format would misread it silently.
    if (top.number<unsigned>("schema") != 1) fail("field \"schema\" must be 1, the only version this reader knows");

    check_result r;
    r.model = top.string("model");
    for (const auto& [k, v] : top.object("params").value().members)
        r.params.emplace_back(k, as_string(v, "params." + k));
    r.backend = top.string("backend");
    r.strategy = top.string("strategy");
    if (top.has("max-steps")) r.max_steps = top.number<std::size_t>("max-steps");
    if (top.has("main")) r.program_main = top.string("main") == "program";
    if (top.has("time")) r.synctest_time = top.string("time") == "synctest";
    r.outcome = as_verdict(top);
    if (top.has("expected")) r.expected = top.string("expected");
    r.cuts = top.strings("cuts");
    if (top.has("warnings")) r.warnings = top.strings("warnings");
    r.properties = top.strings("properties");

    const fields stats = top.object("stats");
    r.stats.executions = stats.number<std::uint64_t>("executions");
    r.stats.abandoned = stats.number<std::uint64_t>("abandoned");
    r.stats.events = stats.number<std::uint64_t>("events");
    r.stats.seconds = stats.number<double>("seconds");
    r.stats.max_depth = stats.number<std::uint64_t>("max-depth");
    if (stats.has("goroutines-started")) r.stats.goroutines_started = stats.number<std::uint64_t>("goroutines-started");

    if (top.has("build")) r.build = top.string("build");
    if (top.has("shard")) {
        const fields sh = top.object("shard");
        r.shard = shard_info{sh.number<std::uint64_t>("index"), sh.number<std::uint64_t>("count"),
                             sh.number<std::uint64_t>("split-depth"), sh.boolean("searched")};
        if (r.shard->count == 0 || r.shard->index >= r.shard->count) fail("field \"shard\": index must be below count");
    }
    if (top.has("output")) r.output = top.strings("output");
    if (top.has("violations"))
        top.each("violations", [&](const json_value& v, const std::string& p) {
            const fields t(v, p);
            r.violations.push_back({t.string("property"), t.number<std::uint64_t>("iterations")});
        });

    // The schema ties the two together, and judge() reads a result by
    // whether it has a counterexample, so a mismatch would misjudge it.
    if (r.outcome == verdict::counterexample) {
        const fields cx = top.object("counterexample");
        r.cx = read_counterexample(cx);
        if (const std::string replay = cx.string("replay"); !replay.empty()) r.program = first_word(replay);
    } else if (top.has("counterexample")) {
        fail("field \"counterexample\" is only for a counterexample verdict");
    }
    return r;
}

}  // namespace chancheck::reports
