// The HTML report: one file a person can open anywhere, offline, or attach
// to a ticket, so it carries its own style and pulls in nothing. A
// counterexample reads best as a message-sequence chart: who handed what to
// whom, in which order, and where it went wrong; the SVG draws it from the
// trace alone (`from` links each receive to its send) and tags its parts with
// classes and data- attributes so tests and scripts can query the page.
#include <chancheck/reports/markup.hpp>
#include <chancheck/reports/report.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace chancheck::reports {

namespace {

constexpr int lane_width = 170, gutter = 56, header = 56, row_height = 30, footer = 64, max_label = 22;
constexpr double char_width = 6.7;  // 11px monospace

const char* const style = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d1d1f}
h1{font-size:20px;margin:0 0 12px}h2{font-size:16px;margin:24px 0 8px}
.chart{overflow:auto;border:1px solid #ddd;border-radius:6px;background:#fff}
svg text{font:11px monospace;fill:#222}svg .name text{font-weight:bold}
.lifeline{stroke:#9aa3ad;stroke-width:1.5}.stripe{fill:#f6f8fa}.stepno{fill:#8a939c}
.event rect{fill:#eef3f8;stroke:#7d8b99}.event circle{fill:#34495e}
.handoff path,.spawn path{fill:none;stroke:#3d6a99;stroke-width:1.5}.spawn path{stroke-dasharray:5 4;stroke:#8a939c}
.label text{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
.implicated rect{fill:#fdecea;stroke:#c62828;stroke-width:2}.implicated circle{fill:#c62828}
svg .implicated text{fill:#c62828;font-weight:bold}.handoff.implicated path{stroke:#c62828;stroke-width:3}
.blocked rect{fill:#fff4e5;stroke:#b26a00;stroke-width:1.5}.blocked line{stroke:#b26a00;stroke-width:2;stroke-dasharray:4 3}
svg .blocked text{fill:#8a4b00}
.verdict{font-weight:bold}.counterexample{color:#c62828}.proved{color:#2e7d32}.bounded{color:#b26a00}
.message{white-space:pre-wrap;color:#c62828}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}
tr.implicated td{color:#c62828;font-weight:bold}.stats td:first-child{font-weight:bold}code,pre{font:12px monospace}
pre{background:#f6f8fa;padding:8px;white-space:pre-wrap;word-break:break-all}
)";

std::string where(const source_line& at) { return at.file.empty() ? "" : at.file + ":" + std::to_string(at.line); }

std::size_t display_length(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// At most `n` characters (not bytes: names may be UTF-8), cut at the end or,
// for a location, where the line number matters, at the start.
std::string shorten(const std::string& s, std::size_t n, bool keep_end = false) {
    const std::size_t length = display_length(s);
    if (length <= n) return s;
    const std::size_t before_cut = keep_end ? length - (n - 1) : n - 1;
    std::size_t chars = 0, i = 0;
    for (; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == before_cut) break;
    return keep_end ? "\u2026" + s.substr(i) : s.substr(0, i) + "\u2026";
}

// Cut to fit; every group that holds a text has a <title> with it in full.
std::string svg_text(double x, double y, const std::string& s, const char* cls = nullptr, bool keep_end = false) {
    char at[96];
    std::snprintf(at, sizeof at, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\"%s%s%s>", x, y,
                  cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    return at + escape_markup(shorten(s, max_label, keep_end)) + "</text>";
}

double text_half(const std::string& s) {
    return static_cast<double>(std::min<std::size_t>(display_length(s), max_label)) * char_width / 2;
}

std::string describe(const trace_event& t) {
    std::string s = t.op;
    if (!t.object.empty()) s += " " + t.object;
    if (!t.value.empty()) s += " " + t.value;
    return s;
}

// An arrow from (x1,y1) to (x2,y2) whose ends stop `gap` short; within one
// lane it bows out to the right so that it is not drawn on the lifeline.
std::string arrow_path(double x1, double y1, double x2, double y2, double gap) {
    char d[160];
    if (x1 == x2) {
        std::snprintf(d, sizeof d, "M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f", x1 + gap, y1, x1 + 70, y1, x2 + 70, y2,
                      x2 + gap, y2);
    } else {
        const double dx = x2 - x1, dy = y2 - y1, len = std::max(1.0, std::hypot(dx, dy));
        std::snprintf(d, sizeof d, "M%.1f %.1f L%.1f %.1f", x1 + dx / len * gap, y1 + dy / len * gap,
                      x2 - dx / len * gap, y2 - dy / len * gap);
    }
    return d;
}

bool implicated(const counterexample& cx, std::size_t i) {
    return std::find(cx.implicated.begin(), cx.implicated.end(), static_cast<int>(i)) != cx.implicated.end();
}

struct area {
    double x0, y0, x1, y1;
    bool overlaps(const area& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

void write_chart(std::ostream& out, const counterexample& cx) {
    const auto& trace = cx.trace;
    // Lanes in order of first appearance, as in the text report; goroutines
    // that were only spawned or only block come after.
    std::map<std::string, int> lane;
    std::vector<std::string> names;
    auto add_lane = [&](const std::string& g) {
        if (lane.emplace(g, static_cast<int>(names.size())).second) names.push_back(g);
    };
    for (const auto& t : trace) add_lane(t.goroutine);
    for (const auto& t : trace)
        if (t.op == "go" && !t.object.empty()) add_lane(t.object);
    for (const auto& b : cx.blocked) add_lane(b.goroutine);
    auto x_of = [&](const std::string& g) { return gutter + lane_width * lane.at(g) + lane_width / 2.0; };
    auto source = [&](const trace_event& t) { return t.from >= 0 && static_cast<std::size_t>(t.from) < trace.size(); };
    auto label_of = [](const trace_event& t) { return t.value.empty() ? t.object : t.object + ": " + t.value; };

    // One row per event, except that a hand-off (a receive right after the
    // send it took, in the same step) shares the send's row. A send or
    // receive at the end of an arrow is a dot; any other event a box.
    struct spot { double x = 0, y = 0, half = 0; bool dot = false; };
    std::vector<spot> at(trace.size());
    std::vector<area> taken;  // by boxes and labels: where no label may go
    int rows = 0;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const trace_event& t = trace[i];
        if (i == 0 || t.from != static_cast<int>(i) - 1 || trace[i - 1].step != t.step ||
            trace[i - 1].goroutine == t.goroutine)
            ++rows;
        at[i].x = x_of(t.goroutine);
        at[i].y = header + row_height * (rows - 1) + row_height / 2.0;
        if (source(t)) {
            at[i].dot = true;
            if (trace[static_cast<std::size_t>(t.from)].op == "send") at[static_cast<std::size_t>(t.from)].dot = true;
        }
    }
    for (std::size_t i = 0; i < trace.size(); ++i) {
        at[i].half = at[i].dot ? 5 : text_half(describe(trace[i])) + 6;
        taken.push_back({at[i].x - at[i].half, at[i].y - 9, at[i].x + at[i].half, at[i].y + 9});
    }
    // A hand-off's label sits above its arrow; a slanted arrow's at the
    // first point along it that hides no box or other label.
    std::vector<std::pair<double, double>> label_at(trace.size());
    for (bool level : {true, false})
        for (std::size_t i = 0; i < trace.size(); ++i) {
            const trace_event& t = trace[i];
            if (!source(t)) continue;
            const spot &s = at[static_cast<std::size_t>(t.from)], &e = at[i];
            if ((s.y == e.y) != level) continue;
            const double half = text_half(label_of(t)) + 2;
            area box{};
            for (double f : {0.5, 0.3, 0.7, 0.15, 0.85, 0.5}) {
                label_at[i] = {s.x + (e.x - s.x) * f + (s.x == e.x ? 48 : 0), s.y + (e.y - s.y) * f - (level ? 6 : -4)};
                box = {label_at[i].first - half, label_at[i].second - 10, label_at[i].first + half, label_at[i].second + 2};
                if (std::none_of(taken.begin(), taken.end(), [&](const area& a) { return a.overlaps(box); })) break;
            }
            taken.push_back(box);
        }

    const int width = gutter + lane_width * static_cast<int>(names.size()) + 40;
    const int bottom = header + row_height * rows + 12, height = bottom + (cx.blocked.empty() ? 12 : footer);
    out << "<div class=\"chart\"><svg id=\"sequence\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width
        << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height << "\">\n<defs>";
    for (const auto& [id, colour] : {std::pair{"head", "#3d6a99"}, {"red-head", "#c62828"}, {"grey-head", "#8a939c"}})
        out << "<marker id=\"" << id << "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\""
            << (id[0] == 'r' ? 5 : 7) << "\" markerHeight=\"" << (id[0] == 'r' ? 5 : 7)
            << "\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"" << colour << "\"/></marker>";
    out << "</defs>\n";
    for (int r = 0; r < rows; r += 2)
        out << "<rect class=\"stripe\" x=\"0\" y=\"" << header + r * row_height << "\" width=\"" << width
            << "\" height=\"" << row_height << "\"/>\n";
    for (std::size_t i = 0; i < trace.size(); ++i)
        if (i == 0 || at[i].y != at[i - 1].y)
            out << svg_text(gutter / 2.0, at[i].y + 4, std::to_string(trace[i].step), "stepno") << "\n";

    for (const auto& g : names) {
        const double x = x_of(g);
        out << "<g class=\"lane\" data-goroutine=\"" << escape_markup(g) << "\"><title>" << escape_markup(g)
            << "</title><line class=\"lifeline\" x1=\"" << x << "\" y1=\"" << header - 14 << "\" x2=\"" << x
            << "\" y2=\"" << bottom << "\"/><g class=\"name\"><rect x=\"" << x - lane_width / 2.0 + 6
            << "\" y=\"12\" width=\"" << lane_width - 12 << "\" height=\"24\" rx=\"4\" fill=\"#e3e9ef\" "
            << "stroke=\"#9aa3ad\"/>" << svg_text(x, 28, g) << "</g></g>\n";
    }

    // Events over the lifelines, arrows over the events.
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const trace_event& t = trace[i];
        const spot& e = at[i];
        out << "<g class=\"event" << (implicated(cx, i) ? " implicated" : "") << "\" data-index=\"" << i
            << "\" data-goroutine=\"" << escape_markup(t.goroutine) << "\"><title>step " << t.step << ": "
            << escape_markup(t.goroutine + ": " + describe(t)) << "\n" << escape_markup(where(t.where)) << "</title>";
        if (e.dot)
            out << "<circle cx=\"" << e.x << "\" cy=\"" << e.y << "\" r=\"4.5\"/>";
        else
            out << "<rect x=\"" << e.x - e.half << "\" y=\"" << e.y - 9 << "\" width=\"" << 2 * e.half
                << "\" height=\"18\" rx=\"3\"/>" << svg_text(e.x, e.y + 4, describe(t));
        out << "</g>\n";
    }
    std::string labels;  // drawn last, so that no arrow crosses one
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const trace_event& t = trace[i];
        const spot& e = at[i];
        if (t.op == "go" && lane.count(t.object) && t.object != t.goroutine) {
            const double to = x_of(t.object);
            out << "<g class=\"spawn\" data-from=\"" << escape_markup(t.goroutine) << "\" data-to=\""
                << escape_markup(t.object) << "\"><path marker-end=\"url(#grey-head)\" d=\""
                << arrow_path(e.x + (to > e.x ? e.half : -e.half), e.y, to, e.y, 1) << "\"/></g>\n";
        }
        if (!source(t)) continue;
        const trace_event& s = trace[static_cast<std::size_t>(t.from)];
        spot from = at[static_cast<std::size_t>(t.from)];
        if (!from.dot) {  // from a close: start at its box's edge
            if (from.y == e.y) from.x += e.x > from.x ? from.half : -from.half;
            else from.y += 9;
        }
        const bool hot = implicated(cx, i);
        const std::string label = label_of(t);
        out << "<g class=\"handoff" << (hot ? " implicated" : "") << "\" data-channel=\"" << escape_markup(t.object)
            << "\" data-value=\"" << escape_markup(t.value) << "\" data-from=\"" << escape_markup(s.goroutine)
            << "\" data-to=\"" << escape_markup(t.goroutine) << "\"><title>" << escape_markup(label) << ": "
            << escape_markup(s.goroutine) << " \u2192 " << escape_markup(t.goroutine) << "\n"
            << escape_markup(where(s.where)) << " \u2192 " << escape_markup(where(t.where))
            << "</title><path marker-end=\"url(#" << (hot ? "red-head" : "head") << ")\" d=\""
            << arrow_path(from.x, from.y, e.x, e.y, from.dot ? 6 : 1) << "\"/></g>\n";
        labels += std::string("<g class=\"label") + (hot ? " implicated" : "") + "\"><title>" + escape_markup(label) +
                  "</title>" + svg_text(label_at[i].first, label_at[i].second, label) + "</g>\n";
    }
    out << labels;

    // A blocked goroutine's lane ends in a marker saying what it waits on.
    for (const auto& b : cx.blocked) {
        const double x = x_of(b.goroutine);
        double from = header;
        for (std::size_t i = 0; i < trace.size(); ++i)  // from its last event, or from where it was spawned
            if (trace[i].goroutine == b.goroutine || (trace[i].op == "go" && trace[i].object == b.goroutine))
                from = at[i].y + 6;
        const std::string what = (cx.kind == "leak" ? "leaked: " : "") + b.waiting_on;
        out << "<g class=\"blocked" << (cx.kind == "leak" ? " leaked" : "") << "\" data-goroutine=\""
            << escape_markup(b.goroutine) << "\"><title>" << escape_markup(b.goroutine) << " blocked: "
            << escape_markup(b.waiting_on) << "\n" << escape_markup(where(b.where)) << "</title><line x1=\"" << x
            << "\" y1=\"" << from << "\" x2=\"" << x << "\" y2=\"" << bottom + 4 << "\"/><rect x=\""
            << x - lane_width / 2.0 + 8 << "\" y=\"" << bottom + 4 << "\" width=\"" << lane_width - 16
            << "\" height=\"38\" rx=\"4\"/>" << svg_text(x, bottom + 19, what)
            << svg_text(x, bottom + 34, where(b.where), nullptr, true) << "</g>\n";
    }
    out << "</svg></div>\n";
}

// A table row, its cells escaped.
void write_row(std::ostream& out, const std::vector<std::string>& cells, bool hot = false) {
    out << "<tr" << (hot ? " class=\"implicated\"" : "") << ">";
    for (const auto& c : cells) out << "<td>" << escape_markup(c) << "</td>";
    out << "</tr>\n";
}

void write_stats(std::ostream& out, const check_result& r) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f s", r.stats.seconds);
    const bool threads = r.backend == "threads";  // iterations, not searched executions
    out << "<table class=\"stats\">\n";
    write_row(out, {threads ? "iterations" : "executions", std::to_string(r.stats.executions)});
    if (!threads) write_row(out, {"events", std::to_string(r.stats.events)});
    if (!threads) write_row(out, {"max depth", std::to_string(r.stats.max_depth)});
    write_row(out, {"time", seconds});
    write_row(out, {"strategy", r.strategy});
    write_row(out, {"backend", r.backend});
    out << "</table>\n";
}

void write_list(std::ostream& out, const char* heading, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out << "<h2>" << heading << "</h2><ul>";
    for (const auto& item : items) out << "<li>" << escape_markup(item) << "</li>";
    out << "</ul>\n";
}

}  // namespace

void write_html(std::ostream& out, const check_result& r) {
    std::string title = r.model;
    for (const auto& [k, v] : r.params) title += " " + k + "=" + v;
    const char* verdict = verdict_name(r.outcome);
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>chancheck: "
        << escape_markup(title) << " \u2014 " << verdict << "</title><style>" << style << "</style></head><body>\n"
        << "<h1>" << escape_markup(title) << "</h1>\n";
    const counterexample* cx = r.cx ? &*r.cx : nullptr;
    if (cx && !cx->trace.empty()) write_chart(out, *cx);

    out << "<h2>Verdict: <span class=\"verdict " << verdict << "\">" << verdict << "</span>"
        << (cx ? " (" + escape_markup(cx->kind) + ")" : "") << "</h2>\n";
    if (!r.expected.empty())
        out << "<p class=\"expected\">" << (as_expected(r) ? "As declared: " : "<strong>Not as declared</strong>: expected ")
            << escape_markup(r.expected) << "</p>\n";
    if (cx && cx->trace.empty()) out << "<p>Real threads record no trace: this is how the failing iteration ended.</p>\n";
    if (cx) out << "<p class=\"message\">" << escape_markup(cx->message) << "</p>\n";
    if (cx && cx->trace.empty()) {  // no chart to mark them on
        std::vector<std::string> blocked;
        for (const auto& b : cx->blocked)
            blocked.push_back(b.goroutine + ": " + b.waiting_on + (b.where.file.empty() ? "" : " at " + where(b.where)));
        write_list(out, "Goroutines blocked when it stopped", blocked);
    }
    write_stats(out, r);
    if (r.outcome == verdict::bounded) write_list(out, "Not a proof: the search was cut", r.cuts);
    if (r.outcome == verdict::proved) write_list(out, "Properties proved for every interleaving", r.properties);
    if (!r.violations.empty()) {
        out << "<h2>Violations</h2><table class=\"violations\"><tr><th>property</th><th>violated in</th></tr>";
        for (const auto& v : r.violations)
            write_row(out, {v.property, std::to_string(v.iterations) + " of " + std::to_string(r.stats.executions)},
                      v.iterations > 0);
        out << "</table>\n";
    }
    if (!r.output.empty()) {
        out << "<h2>Output" << (r.backend == "threads" ? " of iteration 1" : "") << "</h2><pre>";
        for (const auto& line : r.output) out << escape_markup(line) << "\n";
        out << "</pre>\n";
    }
    if (const std::string replay = replay_command(r); !replay.empty())
        out << "<h2>Replay</h2><pre class=\"replay\">" << escape_markup(replay) << "</pre>\n";
    if (cx && !cx->trace.empty()) {
        out << "<h2>Trace</h2><table class=\"trace\"><tr><th>step</th><th>goroutine</th><th>operation</th>"
               "<th>object</th><th>value</th><th>location</th></tr>\n";
        for (std::size_t i = 0; i < cx->trace.size(); ++i) {
            const trace_event& t = cx->trace[i];
            write_row(out, {std::to_string(t.step), t.goroutine, t.op, t.object, t.value, where(t.where)},
                      implicated(*cx, i));
        }
        out << "</table>\n";
    }
    out << "</body></html>\n";
}

}  // namespace chancheck::reports
