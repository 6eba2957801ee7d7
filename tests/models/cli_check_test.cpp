// chancheck check and replay, in-process: verdicts, exit codes, JSON, files.
#include "cli_capture.hpp"

#include <fstream>
#include <iterator>

namespace chancheck {
namespace {

TEST(CliCheck, ProofExitsZeroAndSaysProved) {
    auto r = cli({"check", "shared-channels", "-p", "requesters=4"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("proved: 24 executions"), std::string::npos) << r.out;
}

TEST(CliCheck, SymmetryProvesInOneExecution) {
    auto r = cli({"check", "shared-channels", "-p", "requesters=50", "--symmetry"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("proved: 1 execution,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("exhaustive (symmetry) search"), std::string::npos) << r.out;
    EXPECT_EQ(cli({"check", "shared-channels", "--symmetry", "--strategy", "random"}).code, 2);
}

TEST(CliCheck, EstimateInsteadOfTheSearch) {
    auto r = cli({"check", "shared-channels", "-p", "requesters=5", "--estimate"});
    EXPECT_EQ(r.code, 3) << r.err;  // an estimate proves nothing
    EXPECT_NE(r.out.find("estimate: about 120 executions"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("standard error 0 (0%); one path alone implied 120 to 120 executions"), std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("proved"), std::string::npos) << r.out;
    auto first = cli({"check", "shared-channels", "-p", "requesters=4", "--estimate-first"});
    EXPECT_EQ(first.code, 0);
    EXPECT_NE(first.err.find("estimate: about 24 executions"), std::string::npos) << first.err;
    EXPECT_NE(first.out.find("proved: 24 executions"), std::string::npos) << first.out;
    EXPECT_EQ(cli({"check", "--all", "--estimate"}).code, 2);
    EXPECT_EQ(cli({"check", "shared-channels", "--estimate", "--strategy", "pct"}).code, 2);
}

TEST(CliCheck, EstimateSaysHowUncertainItIs) {
    // Requesters that give up when a timer fires: with few steps allowed,
    // some paths run into the limit.
    auto r = cli({"check", "shared-channels", "-p", "give-up=true", "--max-steps", "20", "--estimate"});
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_NE(r.out.find("  standard error "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("; one path alone implied "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("of the sampled paths reached the step limit (20 steps)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("the estimate is a lower bound"), std::string::npos) << r.out;
}

TEST(CliCheck, EstimateHonoursOutputAndFormat) {
    const std::string path = testing::TempDir() + "/chancheck-estimate.json";
    auto r = cli({"check", "shared-channels", "-p", "requesters=3", "--estimate", "--format", "json", "-o", path});
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_NE(r.out.find("estimate: about 6 executions"), std::string::npos) << r.out;
    std::ifstream in(path);
    const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(json.find(R"("model":"shared-channels")"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("requesters":"3")"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("executions":6)"), std::string::npos) << json;
    EXPECT_EQ(json.find("verdict"), std::string::npos) << json;  // an estimate is no verdict
    const std::string text_path = testing::TempDir() + "/chancheck-estimate.txt";
    EXPECT_EQ(cli({"check", "shared-channels", "-p", "requesters=3", "--estimate", "-o", text_path}).code, 3);
    std::ifstream text_in(text_path);
    const std::string text((std::istreambuf_iterator<char>(text_in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("estimate: about 6 executions"), std::string::npos) << text;
    auto json_only = cli({"check", "shared-channels", "-p", "requesters=3", "--estimate", "--format", "json"});
    EXPECT_EQ(json_only.code, 3);
    EXPECT_EQ(json_only.out.rfind(R"({"model":"shared-channels")", 0), 0u) << json_only.out;
    auto html = cli({"check", "shared-channels", "--estimate", "--format", "html", "-o", path});
    EXPECT_EQ(html.code, 2);
    EXPECT_NE(html.err.find("--estimate writes text or json"), std::string::npos) << html.err;
    // --estimate-first estimates on stderr, then checks and reports as usual.
    auto first = cli({"check", "shared-channels", "--estimate-first", "--format", "json", "-o", path});
    EXPECT_EQ(first.code, 0) << first.err;
    EXPECT_NE(first.err.find("estimate: about"), std::string::npos) << first.err;
    std::ifstream report_in(path);
    const std::string report((std::istreambuf_iterator<char>(report_in)), std::istreambuf_iterator<char>());
    EXPECT_NE(report.find(R"("verdict":"proved")"), std::string::npos) << report;
}

TEST(CliCheck, CounterexampleExitsOneWithTraceBlockedGoroutinesAndReplayCommand) {
    auto r = cli({"check", "shared-channels", "-p", "give-up=true", "-p", "requesters=2"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("counterexample (deadlock)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("coordinator 0: send to responses"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("replay: chancheck replay shared-channels"), std::string::npos) << r.out;
}

TEST(CliCheck, VirtualTimeStillFindsTheGiveUpDeadlockAndReplaysOnIt) {
    auto r = cli({"check", "shared-channels", "-p", "give-up=true", "-p", "requesters=2", "--time", "synctest"});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.out.find("counterexample (deadlock)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("fires at 1ms"), std::string::npos) << r.out;
    const auto at = r.out.find("replay: chancheck replay ");
    ASSERT_NE(at, std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--time synctest", at), std::string::npos) << r.out;
    auto json = cli({"check", "shared-channels", "-p", "give-up=true", "--time", "synctest", "--format", "json"});
    EXPECT_NE(json.out.find(R"("time":"synctest")"), std::string::npos) << json.out;
    EXPECT_EQ(cli({"check", "shared-channels", "--time", "sometimes"}).code, 2);
}

TEST(CliCheck, BoundedExitsThree) {
    auto r = cli({"check", "shared-channels", "--max-executions", "3"});
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.out.find("not a proof: max executions 3"), std::string::npos) << r.out;
}

TEST(CliCheck, JsonCarriesTheContractFields) {
    auto r = cli({"check", "shared-channels", "-p", "response-capacity=1", "-p", "requesters=2", "--format", "json"});
    EXPECT_EQ(r.code, 1);
    for (const char* field : {R"("model":"shared-channels")", R"("params":{"requesters":"2")", R"("backend":"explore")",
                              R"("strategy":"exhaustive")", R"("verdict":"counterexample")", R"("cuts":[])",
                              R"("executions":)", R"("events":)", R"("seconds":)", R"("max-depth":)",
                              R"("kind":"assertion")", R"("schedule":")", R"("goroutine":"requester 1")",
                              R"("file":"models/request_response.hpp")"})
        EXPECT_NE(r.out.find(field), std::string::npos) << field << "\n" << r.out;
}

TEST(CliCheck, ReplayReproducesAndReportsDivergence) {
    auto found = cli({"check", "shared-channels", "-p", "response-capacity=1", "-p", "requesters=2"});
    auto at = found.out.find("--schedule ");
    ASSERT_NE(at, std::string::npos);
    std::string schedule = found.out.substr(at + 11);
    schedule = schedule.substr(0, schedule.find('\n'));
    if (schedule.front() == '\'') schedule = schedule.substr(1, schedule.size() - 2);
    auto again = cli({"replay", "shared-channels", "-p", "response-capacity=1", "-p", "requesters=2", "--schedule", schedule});
    EXPECT_EQ(again.code, 1) << again.out << again.err;
    EXPECT_NE(again.out.find("requester 1 received the response to request 0"), std::string::npos) << again.out;
    auto other = cli({"replay", "shared-channels", "-p", "requesters=2", "--schedule", schedule});
    EXPECT_EQ(other.code, 3);
    EXPECT_NE(other.out.find("replay diverged at step"), std::string::npos) << other.out;
    EXPECT_EQ(cli({"replay", "shared-channels", "--schedule", "0,zz"}).code, 2);
}

TEST(CliCheck, ReplayFromASavedJsonReport) {
    const std::string path = testing::TempDir() + "/chancheck-cx.json";
    auto found = cli({"check", "shared-channels", "-p", "coordinators=2", "-p", "requesters=2", "--format", "json", "-o", path});
    ASSERT_EQ(found.code, 1);
    auto again = cli({"replay", "--report", path});
    EXPECT_EQ(again.code, 1) << again.out << again.err;
    EXPECT_NE(again.out.find("coordinators=2"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("counterexample (assertion)"), std::string::npos) << again.out;
    EXPECT_EQ(cli({"replay", "--report", path, "-p", "requesters=3"}).code, 2);
    EXPECT_EQ(cli({"replay", "reply-channel", "--report", path}).code, 2);
    EXPECT_EQ(cli({"replay", "--report", "/nonexistent/cx.json"}).code, 2);
}

// Four shards of one check, each to its own report.
std::vector<std::string> shard_reports(const std::string& stem, std::vector<std::string> params, int count = 4) {
    std::vector<std::string> paths;
    for (int i = 0; i < count; ++i) {
        paths.push_back(testing::TempDir() + "/" + stem + "-" + std::to_string(i) + ".json");
        std::vector<std::string> args{"check", "shared-channels", "--shard", std::to_string(i) + "/" + std::to_string(count),
                                      "--format", "json", "-o", paths.back()};
        for (const auto& p : params) args.insert(args.end(), {"-p", p});
        auto r = cli(args);
        EXPECT_TRUE(r.code == 0 || r.code == 1) << r.out << r.err;
    }
    return paths;
}

TEST(CliMerge, AllShardsProvedIsAProof) {
    auto paths = shard_reports("proof", {"requesters=5"});
    std::vector<std::string> args{"merge"};
    args.insert(args.end(), paths.begin(), paths.end());
    auto r = cli(args);
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("proved: 120 executions"), std::string::npos) << r.out;
}

TEST(CliMerge, AMissingShardIsBounded) {
    auto paths = shard_reports("missing", {"requesters=4"});
    auto r = cli({"merge", paths[0], paths[1], paths[3]});
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("shards missing: 2 of 4"), std::string::npos) << r.out;
}

TEST(CliMerge, ACounterexampleFromAnyShardIsTheVerdict) {
    auto paths = shard_reports("cx", {"requesters=3", "response-capacity=1"});
    std::vector<std::string> args{"merge"};
    args.insert(args.end(), paths.begin(), paths.end());
    auto r = cli(args);
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("counterexample (assertion)"), std::string::npos) << r.out;
}

TEST(CliMerge, RefusesPartsOfDifferentSearches) {
    auto three = shard_reports("three", {"requesters=3"}, 2);
    auto four = shard_reports("four", {"requesters=4"}, 2);
    auto mixed = cli({"merge", three[0], four[1]});
    EXPECT_EQ(mixed.code, 2);
    EXPECT_NE(mixed.err.find("not parts of one search: parameters"), std::string::npos) << mixed.err;
    EXPECT_EQ(cli({"merge", three[0], three[0]}).code, 2);
    EXPECT_EQ(cli({"merge"}).code, 2);
    EXPECT_EQ(cli({"merge", "/nonexistent/part.json"}).code, 2);
    const std::string whole = testing::TempDir() + "/whole.json";
    cli({"check", "shared-channels", "--format", "json", "-o", whole});
    EXPECT_EQ(cli({"merge", whole}).code, 2);
}

TEST(CliCheck, ShardFromTheTestRunnersVariables) {
    const std::string path = testing::TempDir() + "/gtest-shard.json";
    ::setenv("GTEST_SHARD_INDEX", "1", 1);
    ::setenv("GTEST_TOTAL_SHARDS", "3", 1);
    auto r = cli({"check", "shared-channels", "--format", "json", "-o", path});
    auto quiet = cli({"check", "shared-channels", "-q"});
    ::setenv("GTEST_SHARD_INDEX", "3", 1);
    auto outside = cli({"check", "shared-channels", "-q"});
    ::unsetenv("GTEST_SHARD_INDEX");
    ::unsetenv("GTEST_TOTAL_SHARDS");
    EXPECT_EQ(r.code, 0) << r.err;  // its part searched, nothing found
    std::ifstream in(path);
    const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(json.find(R"("shard":{"index":1,"count":3,)"), std::string::npos) << json;
    EXPECT_EQ(quiet.code, 0);
    EXPECT_EQ(outside.code, 2);
    EXPECT_NE(outside.err.find("GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS"), std::string::npos) << outside.err;
    EXPECT_EQ(cli({"check", "shared-channels", "--shard", "4/4"}).code, 2);
    EXPECT_EQ(cli({"check", "shared-channels", "--shard", "x"}).code, 2);
    EXPECT_EQ(cli({"check", "--all", "--shard", "0/2"}).code, 2);
    EXPECT_EQ(cli({"check", "shared-channels", "--jobs", "2", "--strategy", "random"}).code, 2);
}

TEST(CliCheck, UsageErrorsExitTwo) {
    EXPECT_EQ(cli({"check"}).code, 2);
    EXPECT_EQ(cli({"check", "nope"}).code, 2);
    EXPECT_EQ(cli({"check", "shared-channels", "--strategy", "psychic"}).code, 2);
    EXPECT_EQ(cli({"check", "shared-channels", "-p", "requesters=0"}).code, 2);
    EXPECT_EQ(cli({"check", "--all", "-p", "requesters=2"}).code, 2);
}

TEST(CliCheck, OutputFileIsWritten) {
    const std::string path = testing::TempDir() + "/chancheck-report.json";
    auto r = cli({"check", "shared-channels", "--format", "json", "-o", path});
    EXPECT_EQ(r.code, 0);
    std::ifstream in(path);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(content.find(R"("verdict":"proved")"), std::string::npos) << content;
}

}  // namespace
}  // namespace chancheck
