// `chancheck check|replay --backend relacy`, in-process (chancheck-relacy is
// the child process): verdicts and exit codes, every report format, replay,
// the time limit, and clear refusals.
#include "../models/cli_capture.hpp"
#include "built_program.hpp"

#include <chancheck/reports/report.hpp>

#include <fstream>
#include <iterator>

namespace chancheck {
namespace {

class RelacyCli : public testing::Test {
protected:
    void SetUp() override { use_built_relacy(); }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(RelacyCli, NothingFoundIsBoundedAndSaysWhichSchedulerRanHowLong) {
    auto r = cli({"check", "shared-channels", "-p", "requesters=2", "--backend", "relacy", "--iterations", "2000"});
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("bounded: 2000 iterations"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("random scheduler of Relacy"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("not a proof: random scheduler: 2000 sampled iterations"), std::string::npos) << r.out;
}

TEST_F(RelacyCli, ContextBoundedSearchNamesItsBound) {
    auto r = cli({"check", "gallery/serving-5865", "--backend", "relacy", "--strategy", "bounded", "--preemption-bound",
                  "1"});
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("every schedule with at most 1 preemptions"), std::string::npos) << r.out;
}

TEST_F(RelacyCli, CounterexampleReplaysFromItsReportAndFromTheCommandItPrints) {
    const std::string path = testing::TempDir() + "/chancheck-relacy-cx.json";
    auto found = cli({"check", "shared-channels", "-p", "requesters=2", "-p", "coordinators=2", "--backend", "relacy",
                      "--format", "json", "-o", path});
    ASSERT_EQ(found.code, 1) << found.out << found.err;
    EXPECT_NE(found.out.find("--backend relacy --schedule"), std::string::npos) << found.out;
    // The pattern's own operations are in the trace, among the runtime's atomics.
    EXPECT_NE(found.out.find("send requests"), std::string::npos) << found.out;
    EXPECT_NE(found.out.find("receive responses"), std::string::npos) << found.out;
    const check_result saved = reports::read_json(slurp(path));
    ASSERT_TRUE(saved.cx);
    EXPECT_EQ(saved.backend, "relacy");
    EXPECT_EQ(saved.cx->kind, "assertion");

    auto again = cli({"replay", "--report", path});
    EXPECT_EQ(again.code, 1) << again.out << again.err;
    EXPECT_NE(again.out.find(saved.cx->message), std::string::npos) << again.out;
    auto by_schedule = cli({"replay", "shared-channels", "-p", "requesters=2", "-p", "coordinators=2", "--backend",
                            "relacy", "--schedule", saved.cx->schedule});
    EXPECT_EQ(by_schedule.code, 1) << by_schedule.out << by_schedule.err;
    EXPECT_EQ(cli({"replay", "shared-channels", "--backend", "relacy", "--schedule", "random:5:1"}).code, 2);
}

TEST_F(RelacyCli, EveryReportFormatRendersARelacyCounterexample) {
    for (const char* format : {"text", "json", "junit", "sarif", "html"}) {
        auto r = cli({"check", "gallery/moby-4395", "-p", "fixed=false", "--backend", "relacy", "--format", format});
        EXPECT_EQ(r.code, 1) << format << r.err;
        EXPECT_NE(r.out.find("Go(f)"), std::string::npos) << format << "\n" << r.out;
    }
}

TEST_F(RelacyCli, DeadlockListsTheBlockedGoroutines) {
    auto r = cli({"check", "shared-channels", "-p", "requesters=2", "-p", "give-up=true", "--backend", "relacy"});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("counterexample (deadlock)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("coordinator 0 (send to responses)"), std::string::npos) << r.out;
}

TEST_F(RelacyCli, TimeLimitEndsAFullSearchAsBounded) {
    auto r = cli({"check", "shared-channels", "-p", "requesters=2", "--backend", "relacy", "--strategy", "exhaustive",
                  "--time-limit", "1"});
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("not a proof: time limit"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("requesters=2"), std::string::npos) << r.out;
}

TEST_F(RelacyCli, RefusesWhatOnlyTheExplorerDoes) {
    for (std::vector<std::string> extra : {std::vector<std::string>{"--minimize"}, {"--no-reduction"},
                                           {"--strategy", "pct"}, {"--max-executions", "3"}}) {
        std::vector<std::string> args = {"check", "shared-channels", "--backend", "relacy"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = cli(args);
        EXPECT_EQ(r.code, 2) << extra[0];
        EXPECT_NE(r.err.find("relacy"), std::string::npos) << r.err;
    }
}

TEST_F(RelacyCli, AModelTooBigForTheBuildIsAUsageErrorThatSaysSo) {
    auto r = cli({"check", "shared-channels", "-p", "requesters=30", "--backend", "relacy"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("more than 15 goroutines besides main"), std::string::npos) << r.err;
}

TEST_F(RelacyCli, AMissingProgramIsAUsageErrorNamingTheVariable) {
    ::setenv("CHANCHECK_RELACY", "/nonexistent/chancheck-relacy", 1);
    auto r = cli({"check", "shared-channels", "--backend", "relacy"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("CHANCHECK_RELACY"), std::string::npos) << r.err;
}

TEST_F(RelacyCli, ParametersAreCheckedBeforeAnythingRuns) {
    auto r = cli({"check", "shared-channels", "-p", "requesters=0", "--backend", "relacy"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("requesters"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace chancheck
