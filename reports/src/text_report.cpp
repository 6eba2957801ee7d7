// The text report: the verdict, then only the failing execution, one line
// per event in its goroutine's lane, then what every blocked goroutine waits on.
#include <chancheck/reports/report.hpp>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <cstdio>
#include <map>

namespace chancheck::reports {

namespace {

struct palette {
    const char* bold = "";
    const char* red = "";
    const char* green = "";
    const char* yellow = "";
    const char* dim = "";
    const char* reset = "";
};

palette colours(bool on) {
    if (!on) return {};
    return {"\033[1m", "\033[31m", "\033[32m", "\033[33m", "\033[2m", "\033[0m"};
}

std::string quote_arg(const std::string& s) {
    const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || std::string_view("_.,=/:-+").find(ch) != std::string_view::npos;
    });
    if (plain) return s;
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// "" where nothing is known (main's return has no source line).
std::string where(const source_line& at) { return at.file.empty() ? "" : at.file + ":" + std::to_string(at.line); }

}  // namespace

std::string replay_command(const check_result& r) {
    if (!r.cx || r.cx->schedule.empty()) return "";
    std::string cmd = quote_arg(r.program) + " replay " + quote_arg(r.model);
    for (const auto& [k, v] : r.params) cmd += " -p " + quote_arg(k + "=" + v);
    if (r.backend == "relacy") cmd += " --backend relacy";
    if (r.max_steps != 0 && r.max_steps != default_max_steps) cmd += " --max-steps " + std::to_string(r.max_steps);
    if (r.program_main) cmd += " --main program";
    if (r.synctest_time) cmd += " --time synctest";
    return cmd + " --schedule " + quote_arg(r.cx->schedule);
}

void write_text(std::ostream& out, const check_result& r, const text_options& options) {
    const palette c = colours(options.color);
    out << c.bold << r.model << c.reset;
    for (const auto& [k, v] : r.params) out << " " << k << "=" << v;
    out << "\n";
    const char* vcol = r.outcome == verdict::proved ? c.green : r.outcome == verdict::counterexample ? c.red : c.yellow;
    out << "  " << vcol << c.bold << verdict_name(r.outcome) << c.reset;
    if (r.cx) out << " (" << r.cx->kind << ")";
    // Real threads and Relacy count iterations, not events.
    const bool threads = r.backend == "threads" || r.backend == "relacy";
    const auto n = static_cast<unsigned long long>(r.stats.executions);
    char stats[256];
    if (threads)
        std::snprintf(stats, sizeof stats, ": %llu iteration%s, %.2f s, %s%s", n, n == 1 ? "" : "s", r.stats.seconds,
                      r.strategy.c_str(), r.backend == "relacy" ? " of Relacy" : "");
    else
        std::snprintf(stats, sizeof stats, ": %llu execution%s, %llu events, %.2f s, %s search on %s", n,
                      n == 1 ? "" : "s", static_cast<unsigned long long>(r.stats.events), r.stats.seconds,
                      r.strategy.c_str(), r.backend.c_str());
    out << stats << "\n";
    // A search cut short where a proof was declared says so in its "not a
    // proof" line: that is no failure of the declaration.
    if (!r.expected.empty() && judge(r) != expectation::cut && (r.expected != "proved" || !as_expected(r))) {
        if (as_expected(r)) out << "  " << c.green << "as expected" << c.reset << " (" << r.expected << ")\n";
        else out << "  " << c.red << c.bold << "not as expected" << c.reset << ": the check should end in " << r.expected << "\n";
    }
    if (!r.output.empty()) {
        out << "  output" << (threads ? " of iteration 1" : "") << ":\n";
        for (const auto& line : r.output) out << "    " << line << "\n";
    }
    for (const auto& v : r.violations) {
        const auto k = static_cast<unsigned long long>(v.iterations);
        char line[256];
        int len = std::snprintf(line, sizeof line, "    %-18s violated in %llu of %llu", v.property.c_str(), k, n);
        if (k > 0 && len > 0 && static_cast<std::size_t>(len) < sizeof line)
            std::snprintf(line + len, sizeof line - static_cast<std::size_t>(len), " (%.1f%%)",
                          100.0 * static_cast<double>(k) / static_cast<double>(n));
        out << (k > 0 ? c.red : "") << line << (k > 0 ? c.reset : "") << "\n";
    }
    for (const auto& warning : r.warnings) out << "  " << c.yellow << "warning: " << warning << c.reset << "\n";
    if (r.outcome == verdict::bounded)
        for (const auto& cut : r.cuts) out << "  not a proof: " << cut << "\n";
    if (r.outcome == verdict::proved && !r.properties.empty()) {
        out << "  properties proved for every interleaving:";
        for (const auto& p : r.properties) out << " " << p;
        out << "\n";
    }
    if (!r.cx) return;

    const counterexample& cx = *r.cx;
    std::string message = cx.message;
    for (std::size_t at = message.find('\n'); at != std::string::npos; at = message.find('\n', at + 3))
        message.replace(at, 1, "\n  ");
    out << "  " << c.red << message << c.reset << "\n";
    if (!cx.trace.empty()) out << "\n";
    // One lane per goroutine, in order of first appearance.
    std::map<std::string, std::size_t> lane;
    std::vector<std::string> names;
    for (const auto& t : cx.trace)
        if (lane.emplace(t.goroutine, names.size()).second) names.push_back(t.goroutine);
    std::size_t width = 0;
    for (const auto& n : names) width = std::max(width, n.size());
    // Lanes show who is who among a few goroutines; past that, indenting
    // each one further only pushes a thousand goroutines' lines off screen.
    constexpr std::size_t max_lanes = 16;
    const std::size_t lanes = std::min(names.size(), max_lanes);
    for (std::size_t i = 0; i < cx.trace.size(); ++i) {
        const trace_event& t = cx.trace[i];
        const bool implicated = std::find(cx.implicated.begin(), cx.implicated.end(), static_cast<int>(i)) != cx.implicated.end();
        char step[16];
        std::snprintf(step, sizeof step, "%s%5d  ", implicated ? ">" : " ", t.step);
        std::string text = std::string(std::min(lane[t.goroutine], max_lanes - 1) * 2, ' ') + t.goroutine + ": " + t.op;
        if (!t.object.empty()) text += " " + t.object;
        if (!t.value.empty()) text += " " + t.value;
        out << (implicated ? c.red : "") << step << text << (implicated ? c.reset : "");
        const std::size_t col = width + lanes * 2 + 40;
        out << std::string(text.size() < col ? col - text.size() : 1, ' ') << c.dim << where(t.where) << c.reset << "\n";
    }
    if (!cx.blocked.empty()) {
        out << "\n  goroutines blocked when it stopped:\n";
        for (const auto& b : cx.blocked) {
            out << "    " << b.goroutine << ": " << b.waiting_on;
            if (!b.where.file.empty()) out << " at " << where(b.where);
            out << "\n";
        }
    }
    if (const std::string replay = replay_command(r); !replay.empty()) out << "\n  replay: " << replay << "\n";
}

}  // namespace chancheck::reports
