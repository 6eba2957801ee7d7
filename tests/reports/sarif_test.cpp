// The SARIF report, parsed back: what a code-scanning UI reads from it must
// be the counterexample's own data, and the per-goroutine thread flows must
// still give back the one interleaving. (The schema check covers the shape;
// these cover what JSON Schema cannot say.)
#include "sample_results.hpp"

#include <chancheck/reports/json_reader.hpp>
#include <chancheck/reports/report.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace chancheck::reports {
namespace {

using namespace chancheck::testing_reports;
using kind = json_value::kind;

json_value sarif_of(const std::vector<check_result>& results) {
    std::ostringstream out;
    write_sarif(out, results);
    return parse_json(out.str());
}

const json_value& run_of(const json_value& log) {
    if (log["runs"].items.size() != 1) throw std::runtime_error("expected one run");
    return log["runs"].items[0];
}

// By value: what run_of refers into must outlive the caller's references.
json_value first_result(const check_result& r) { return run_of(sarif_of({r}))["results"].items.at(0); }

std::string event_text(const trace_event& t) {
    std::string text = t.op;
    if (!t.object.empty()) text += " " + t.object;
    if (!t.value.empty()) text += " " + t.value;
    return text;
}

TEST(Sarif, OneRunOneResultPerCounterexampleOneRulePerKind) {
    const std::vector<check_result> results{misrouting(), proof(), race(), bounded(), deadlock(), threads_run()};
    const json_value log = sarif_of(results);
    EXPECT_EQ(log["version"].text, "2.1.0");
    const json_value& run = run_of(log);
    EXPECT_EQ(run["tool"]["driver"]["name"].text, "chancheck");
    const auto& rules = run["tool"]["driver"]["rules"].items;
    std::vector<std::string> rule_ids;
    for (const auto& rule : rules) {
        rule_ids.push_back(rule["id"].text);
        EXPECT_FALSE(rule["shortDescription"]["text"].text.empty()) << rule["id"].text;
    }
    EXPECT_EQ(rule_ids, (std::vector<std::string>{"chancheck/assertion", "chancheck/race", "chancheck/deadlock"}));

    const auto& got = run["results"].items;
    std::vector<const check_result*> with_cx;
    for (const auto& r : results)
        if (r.cx) with_cx.push_back(&r);
    ASSERT_EQ(got.size(), with_cx.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        const counterexample& cx = *with_cx[i]->cx;
        EXPECT_EQ(got[i]["ruleId"].text, "chancheck/" + cx.kind);
        EXPECT_EQ(rules.at(std::stoul(got[i]["ruleIndex"].text))["id"].text, got[i]["ruleId"].text);
        EXPECT_EQ(got[i]["level"].text, "error");
        EXPECT_EQ(got[i]["message"]["text"].text, cx.message);
        EXPECT_EQ(got[i]["properties"]["model"].text, with_cx[i]->model);
    }
}

TEST(Sarif, TheLocationIsTheFailingOperation) {
    for (const check_result& r : {misrouting(), race(), deadlock()}) {
        ASSERT_FALSE(r.cx->where.file.empty()) << r.cx->kind;
        const json_value result = first_result(r);
        ASSERT_EQ(result["locations"].items.size(), 1u);
        const json_value& at = result["locations"].items[0]["physicalLocation"];
        EXPECT_EQ(at["artifactLocation"]["uri"].text, r.cx->where.file);
        EXPECT_EQ(at["artifactLocation"]["uriBaseId"].text, "SRCROOT");
        EXPECT_EQ(at["region"]["startLine"].text, std::to_string(r.cx->where.line));
    }
}

TEST(Sarif, OneThreadFlowPerGoroutineHoldingItsEventsInOrder) {
    for (const check_result& r : {misrouting(), race(), deadlock()}) {
        const counterexample& cx = *r.cx;
        const json_value result = first_result(r);
        ASSERT_EQ(result["codeFlows"].items.size(), 1u);
        const auto& flows = result["codeFlows"].items[0]["threadFlows"].items;
        std::set<std::string> goroutines, ids;
        for (const auto& t : cx.trace) goroutines.insert(t.goroutine);
        for (const auto& flow : flows) {
            EXPECT_TRUE(ids.insert(flow["id"].text).second) << "two flows for " << flow["id"].text;
            std::vector<std::string> expected, got;
            for (const auto& t : cx.trace)
                if (t.goroutine == flow["id"].text) expected.push_back(event_text(t));
            for (const auto& loc : flow["locations"].items) got.push_back(loc["location"]["message"]["text"].text);
            EXPECT_EQ(got, expected) << flow["id"].text;
        }
        EXPECT_EQ(ids, goroutines);
    }
}

TEST(Sarif, ExecutionOrderGivesBackTheInterleavingEveryTraceIndexOnce) {
    for (const check_result& r : {misrouting(), race(), deadlock()}) {
        const counterexample& cx = *r.cx;
        ASSERT_FALSE(cx.trace.empty());
        const json_value result = first_result(r);
        std::vector<int> seen(cx.trace.size(), 0);
        for (const auto& flow : result["codeFlows"].items.at(0)["threadFlows"].items) {
            int previous = -1;
            for (const auto& loc : flow["locations"].items) {
                const std::size_t i = std::stoul(loc["executionOrder"].text);
                ASSERT_LT(i, cx.trace.size());
                ++seen[i];
                EXPECT_GT(static_cast<int>(i), previous) << "a goroutine's events are in trace order";
                previous = static_cast<int>(i);
                const trace_event& t = cx.trace[i];
                EXPECT_EQ(flow["id"].text, t.goroutine);
                EXPECT_EQ(loc["location"]["message"]["text"].text, event_text(t));
                const json_value& at = loc["location"]["physicalLocation"];
                if (t.where.file.empty()) {
                    EXPECT_EQ(at.type, kind::null) << "no file, nothing to point at";
                } else {
                    EXPECT_EQ(at["artifactLocation"]["uri"].text, t.where.file);
                    EXPECT_EQ(at["region"]["startLine"].text, std::to_string(t.where.line));
                }
                EXPECT_EQ(loc["properties"]["step"].text, std::to_string(t.step));
                if (t.from >= 0) {
                    EXPECT_EQ(loc["properties"]["from"].text, std::to_string(t.from));
                }
            }
        }
        EXPECT_EQ(seen, std::vector<int>(cx.trace.size(), 1)) << "executionOrder covers every trace index once";
    }
}

TEST(Sarif, ImplicatedEventsAreEssentialAndOnlyThey) {
    for (const check_result& r : {misrouting(), race()}) {
        const counterexample& cx = *r.cx;
        ASSERT_FALSE(cx.implicated.empty()) << cx.kind;
        const json_value result = first_result(r);
        std::set<int> essential;
        for (const auto& flow : result["codeFlows"].items.at(0)["threadFlows"].items)
            for (const auto& loc : flow["locations"].items)
                if (loc["importance"].text == "essential") essential.insert(std::stoi(loc["executionOrder"].text));
        EXPECT_EQ(essential, std::set<int>(cx.implicated.begin(), cx.implicated.end())) << cx.kind;
    }
}

TEST(Sarif, PropertiesCarryModelParamsScheduleAndReplay) {
    const check_result r = misrouting();
    const json_value result = first_result(r);
    const json_value& props = result["properties"];
    EXPECT_EQ(props["model"].text, "shared-channels");
    ASSERT_EQ(props["params"].members.size(), r.params.size());
    for (std::size_t i = 0; i < r.params.size(); ++i) {
        EXPECT_EQ(props["params"].members[i].first, r.params[i].first);
        EXPECT_EQ(props["params"].members[i].second.text, r.params[i].second);
    }
    EXPECT_EQ(props["schedule"].text, r.cx->schedule);
    EXPECT_EQ(props["replay"].text, replay_command(r));
}

TEST(Sarif, AProofOrABoundedSearchHasNoResultsButAnEmptyList) {
    const json_value log = sarif_of({proof(), bounded()});
    const json_value& run = run_of(log);
    EXPECT_EQ(run["results"].type, kind::array);
    EXPECT_TRUE(run["results"].items.empty());
    EXPECT_TRUE(run["tool"]["driver"]["rules"].items.empty());
}

TEST(Sarif, ARunOnRealThreadsHasNoCodeFlowNorLocationItDoesNotKnow) {
    const check_result r = threads_run();
    const json_value result = first_result(r);
    EXPECT_EQ(result["ruleId"].text, "chancheck/assertion");
    EXPECT_EQ(result["codeFlows"].type, kind::null);
    EXPECT_EQ(result["locations"].type, kind::null);
    EXPECT_EQ(result["properties"]["schedule"].type, kind::null);
}

}  // namespace
}  // namespace chancheck::reports
