// The HTML report, read the way a script reads the page: by the classes and
// data- attributes of the chart's groups. Each fixture's chart must say what
// its counterexample says: the misrouted hand-off, the racing accesses, the
// goroutines left blocked; and the page must stand alone and escape the model.
#include "sample_results.hpp"

#include <chancheck/reports/markup.hpp>
#include <chancheck/reports/report.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace chancheck {
namespace {

using namespace testing_reports;
using attributes = std::map<std::string, std::string>;  // values as written, still escaped

std::string html_of(const check_result& r) { return reports::to_string(r, "html"); }

// The opening tags `<g ...>` whose class list holds `cls`.
std::vector<attributes> groups(const std::string& html, const std::string& cls) {
    std::vector<attributes> found;
    for (std::size_t at = html.find("<g "); at != std::string::npos; at = html.find("<g ", at + 1)) {
        const std::string tag = html.substr(at, html.find('>', at) - at);
        attributes a;
        for (std::size_t eq = tag.find("=\""); eq != std::string::npos; eq = tag.find("=\"", eq + 1)) {
            const std::size_t name = tag.rfind(' ', eq) + 1, end = tag.find('"', eq + 2);
            if (end == std::string::npos) break;  // a quote or '>' in a value left unescaped
            a[tag.substr(name, eq - name)] = tag.substr(eq + 2, end - eq - 2);
            eq = end;
        }
        const std::string classes = " " + a["class"] + " ";
        if (classes.find(" " + cls + " ") != std::string::npos) found.push_back(a);
    }
    return found;
}

bool has_class(const attributes& a, const std::string& cls) {
    return (" " + a.at("class") + " ").find(" " + cls + " ") != std::string::npos;
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
}

// Goroutines as the chart lays them out: those that act, in order of first
// appearance, then those only spawned or only blocked.
std::vector<std::string> goroutines_of(const counterexample& cx) {
    std::vector<std::string> names;
    auto add = [&](const std::string& g) {
        if (std::find(names.begin(), names.end(), g) == names.end()) names.push_back(g);
    };
    for (const auto& t : cx.trace) add(t.goroutine);
    for (const auto& t : cx.trace)
        if (t.op == "go") add(t.object);
    for (const auto& b : cx.blocked) add(b.goroutine);
    return names;
}

TEST(HtmlReport, StandsAloneWithoutNetworkOrScripts) {
    for (const check_result& r : {misrouting(), deadlock(), race(), proof(), bounded(), threads_run()}) {
        std::string html = html_of(r);
        ASSERT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u) << r.model;
        EXPECT_NE(html.find("</html>"), std::string::npos);
        for (std::size_t at; (at = html.find("http://www.w3.org/2000/svg")) != std::string::npos;)
            html.erase(at, 26);
        for (const char* banned : {"http://", "https://", "<script", "<link", "@import", "src=", "<img", "<iframe"})
            EXPECT_EQ(html.find(banned), std::string::npos) << banned << " in the report of " << r.model;
        EXPECT_EQ(count(html, "url("), count(html, "url(#")) << "only references within the page";
        EXPECT_EQ(count(html, "<g "), count(html, "</g>"));
        EXPECT_EQ(count(html, "<text "), count(html, "</text>"));
    }
}

TEST(HtmlReport, OneLanePerGoroutineInOrderOfAppearance) {
    for (const check_result& r : {misrouting(), deadlock(), race()}) {
        ASSERT_TRUE(r.cx && !r.cx->trace.empty());
        const std::string html = html_of(r);
        EXPECT_EQ(count(html, "<svg id=\"sequence\""), 1u);
        std::vector<std::string> lanes;
        for (const auto& a : groups(html, "lane")) lanes.push_back(a.at("data-goroutine"));
        EXPECT_EQ(lanes, goroutines_of(*r.cx)) << r.model;
    }
    const auto lanes = groups(html_of(misrouting()), "lane");
    ASSERT_EQ(lanes.size(), 4u);
    EXPECT_EQ(lanes[0].at("data-goroutine"), "main");
}

TEST(HtmlReport, MisroutedResponseIsTheHighlightedArrow) {
    const check_result r = misrouting();
    const std::string html = html_of(r);
    const auto handoffs = groups(html, "handoff");
    const auto receives =
        std::count_if(r.cx->trace.begin(), r.cx->trace.end(), [](const trace_event& t) { return t.from >= 0; });
    EXPECT_EQ(handoffs.size(), static_cast<std::size_t>(receives));
    std::vector<attributes> hot;
    for (const auto& a : handoffs)
        if (has_class(a, "implicated")) hot.push_back(a);
    ASSERT_EQ(hot.size(), 1u);
    EXPECT_EQ(hot[0].at("data-from"), "coordinator 0");
    EXPECT_EQ(hot[0].at("data-to"), "requester 1");
    EXPECT_EQ(hot[0].at("data-channel"), "responses");
    EXPECT_EQ(hot[0].at("data-value"), "0");

    // The implicated events are the receive and the failed check, no others.
    std::set<std::string> implicated, expected;
    for (const auto& a : groups(html, "event"))
        if (has_class(a, "implicated")) implicated.insert(a.at("data-index"));
    for (int i : r.cx->implicated) expected.insert(std::to_string(i));
    EXPECT_EQ(implicated, expected);
    EXPECT_EQ(expected.size(), 2u);
    EXPECT_NE(html.find(reports::escape_markup(reports::replay_command(r))), std::string::npos);
    EXPECT_EQ(count(html, "<tr class=\"implicated\">"), 2u) << "the trace table marks the same events";
    EXPECT_NE(html.find("shared_channels.hpp:33</title>"), std::string::npos) << "events carry file:line";
}

TEST(HtmlReport, RaceMarksBothAccesses) {
    const check_result r = race();
    ASSERT_EQ(r.cx->implicated.size(), 2u);
    std::set<std::string> goroutines;
    for (const auto& a : groups(html_of(r), "event"))
        if (has_class(a, "implicated")) {
            const trace_event& t = r.cx->trace.at(std::stoul(a.at("data-index")));
            EXPECT_TRUE(t.op == "read" || t.op == "write") << t.op;
            EXPECT_EQ(t.object, "shared");
            goroutines.insert(a.at("data-goroutine"));
        }
    EXPECT_EQ(goroutines, (std::set<std::string>{"metrics 0", "owner"}));
}

TEST(HtmlReport, DeadlockMarksBlockedGoroutines) {
    check_result r = deadlock();
    std::set<std::string> blocked, expected;
    for (const auto& b : r.cx->blocked) expected.insert(b.goroutine);
    for (const auto& a : groups(html_of(r), "blocked")) blocked.insert(a.at("data-goroutine"));
    EXPECT_EQ(blocked, expected);
    EXPECT_TRUE(expected.count("coordinator 0"));
    EXPECT_NE(html_of(r).find("send to responses"), std::string::npos);

    r.cx->kind = "leak";
    const auto leaked = groups(html_of(r), "leaked");
    EXPECT_EQ(leaked.size(), expected.size());
}

TEST(HtmlReport, ProofListsPropertiesWithoutChart) {
    const check_result r = proof();
    ASSERT_EQ(r.outcome, verdict::proved);
    const std::string html = html_of(r);
    EXPECT_EQ(html.find("<svg"), std::string::npos);
    ASSERT_FALSE(r.properties.empty());
    for (const auto& p : r.properties) EXPECT_NE(html.find("<li>" + p + "</li>"), std::string::npos) << p;
    EXPECT_NE(html.find("<td>executions</td><td>" + std::to_string(r.stats.executions) + "</td>"), std::string::npos);

    const check_result b = bounded();
    ASSERT_FALSE(b.cuts.empty());
    const std::string cut = html_of(b);
    EXPECT_EQ(cut.find("<svg"), std::string::npos);
    for (const auto& c : b.cuts) EXPECT_NE(cut.find(reports::escape_markup(c)), std::string::npos) << c;
}

TEST(HtmlReport, SaysWhetherADeclaredVerdictWasMet) {
    check_result found = misrouting();
    found.expected = "assertion";
    EXPECT_NE(html_of(found).find("As declared: assertion"), std::string::npos);
    check_result missed = proof();
    missed.expected = "deadlock";
    EXPECT_NE(html_of(missed).find("<strong>Not as declared</strong>: expected deadlock"), std::string::npos);
    EXPECT_EQ(html_of(proof()).find("declared"), std::string::npos);
}

TEST(HtmlReport, ThreadsRunShowsTallyAndNoReplay) {
    const check_result r = threads_run();
    const std::string html = html_of(r);
    EXPECT_NE(html.find("Real threads record no trace"), std::string::npos);
    EXPECT_NE(html.find(reports::escape_markup(r.cx->message)), std::string::npos);
    EXPECT_NE(html.find("<td>routing</td><td>93 of 100</td>"), std::string::npos);
    EXPECT_NE(html.find("<td>no-lost-request</td><td>0 of 100</td>"), std::string::npos);
    EXPECT_EQ(html.find("chancheck replay"), std::string::npos);
    EXPECT_EQ(html.find("<svg"), std::string::npos);

    check_result stalled = r;
    stalled.cx->blocked = {{"requester <2>", "receive from responses", {"shared_channels.hpp", 33}}};
    EXPECT_NE(html_of(stalled).find("<li>requester &lt;2&gt;: receive from responses at shared_channels.hpp:33</li>"),
              std::string::npos);
}

check_result hand_made(const std::string& g, const std::string& ch, const std::string& v) {
    check_result r;
    r.model = "<m>";
    r.outcome = verdict::counterexample;
    counterexample cx;
    cx.kind = "leak";
    cx.message = "goroutine " + g + " leaked";
    cx.trace = {{0, "main", "go", g, "", {"a.cpp", 1}},
                {1, "main", "send", ch, v, {"a.cpp", 2}},
                {1, g, "receive", ch, v, {"<b>.cpp", 3}, 1}};
    cx.implicated = {2};
    cx.blocked = {{g, "receive from " + ch, {"a.cpp", 4}}};
    r.cx = cx;
    return r;
}

TEST(HtmlReport, EscapesEverythingFromTheModel) {
    const std::string html = html_of(hand_made("<b>&\"x\"", "<ch>", "'v'"));
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_EQ(html.find("<ch>"), std::string::npos);
    EXPECT_EQ(html.find("<m>"), std::string::npos);
    EXPECT_EQ(html.find("'v'"), std::string::npos);
    const std::string name = "&lt;b&gt;&amp;&quot;x&quot;";
    EXPECT_NE(html.find("data-goroutine=\"" + name + "\""), std::string::npos);
    const auto handoffs = groups(html, "handoff");
    ASSERT_EQ(handoffs.size(), 1u);
    EXPECT_EQ(handoffs[0].at("data-to"), name);
    EXPECT_EQ(handoffs[0].at("data-channel"), "&lt;ch&gt;");
    EXPECT_EQ(handoffs[0].at("data-value"), "&#39;v&#39;");
    EXPECT_TRUE(has_class(handoffs[0], "implicated"));
    EXPECT_EQ(groups(html, "blocked").at(0).at("data-goroutine"), name);
}

TEST(HtmlReport, LongNamesAreCutWithTheFullNameInATooltip) {
    const std::string name(60, 'g'), cut = std::string(21, 'g') + "\u2026";
    const std::string html = html_of(hand_made(name, "c", "1"));
    EXPECT_NE(html.find(">" + cut + "</text>"), std::string::npos);
    EXPECT_NE(html.find("<title>" + name + "</title>"), std::string::npos);
}

int svg_size(const std::string& html, const std::string& what) {
    const std::size_t at = html.find(" " + what + "=\"", html.find("<svg"));
    return std::stoi(html.substr(at + what.size() + 3));
}

TEST(HtmlReport, ChartGrowsWithLanesAndEvents) {
    check_result r = hand_made("worker", "c", "1");
    const int width = svg_size(html_of(r), "width"), height = svg_size(html_of(r), "height");
    for (int i = 0; i < 200; ++i)
        r.cx->trace.push_back({10 + i, "worker " + std::to_string(i % 10), "write", "shared", "", {"a.cpp", 5}});
    const std::string big = html_of(r);
    EXPECT_EQ(groups(big, "lane").size(), 12u);
    EXPECT_GE(svg_size(big, "width"), width + 10 * 120);
    EXPECT_GE(svg_size(big, "height"), height + 200 * 20);
}

}  // namespace
}  // namespace chancheck
