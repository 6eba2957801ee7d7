// The command line, in-process: output, one-line usage errors, exit codes.
#include "cli_capture.hpp"

#include <string>
#include <vector>

namespace chancheck {
namespace {

TEST(Cli, ListShowsEveryModelWithItsParameters) {
    auto r = cli({"list"});
    EXPECT_EQ(r.code, 0);
    for (const char* name : {"shared-channels", "reply-channel", "route-table", "session-callback", "seed-demo"})
        EXPECT_NE(r.out.find(name), std::string::npos) << name;
    EXPECT_NE(r.out.find("-p request-capacity=0  (int, 0..1024)"), std::string::npos) << r.out;
}

TEST(Cli, ListAsJsonCarriesTypesDefaultsAndRanges) {
    auto r = cli({"list", "--format", "json"});
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.out.find(R"({"name":"give-up","type":"bool","default":false)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(R"({"name":"requesters","type":"int","default":3,"min":1,"max":100000)"), std::string::npos);
}

TEST(Cli, RunOfACorrectModelExitsZero) {
    auto r = cli({"run", "reply-channel", "--iterations", "5"});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("routing            violated in 0 of 5"), std::string::npos) << r.out;
}

TEST(Cli, RunThatStallsExitsOneAndSaysWhatIsStuck) {
    auto r = cli({"run", "shared-channels", "-p", "give-up=true", "--stall-after", "0.5"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("stalled"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("coordinator 0: send to responses"), std::string::npos) << r.out;
}

TEST(Cli, UsageErrorsAreOneLineAndExitTwo) {
    for (auto args : std::vector<std::vector<std::string>>{{"run", "no-such-model"},
                                                           {"run", "shared-channels", "-p", "requesters=0"},
                                                           {"run", "shared-channels", "-p", "request-capacity=-1"},
                                                           {"run", "shared-channels", "-p", "colour=blue"},
                                                           {"run", "shared-channels", "--iterations", "0"},
                                                           {"run"},
                                                           {"run", "--all", "shared-channels"},
                                                           {"frobnicate"},
                                                           {}}) {
        auto r = cli(args);
        EXPECT_EQ(r.code, 2) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
}

TEST(Cli, EverySubcommandHasHelpWithExamples) {
    for (const char* sub : {"list", "run", "check", "replay"}) {
        auto r = cli({sub, "--help"});
        EXPECT_EQ(r.code, 0);
        EXPECT_NE(r.out.find("Examples:"), std::string::npos) << sub;
    }
}

}  // namespace
}  // namespace chancheck
