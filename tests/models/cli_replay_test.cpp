// The replay command a check prints, run as printed: it reproduces the
// counterexample whatever the strategy that found it, and it carries every
// option the outcome depends on (the step limit), as a saved report does.
#include "cli_capture.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace chancheck {
namespace {

// The arguments of the "replay: chancheck replay ..." line of a text report,
// unquoted as a shell would (the report quotes with '...' and '\'').
std::vector<std::string> printed_replay(const std::string& out) {
    const std::string marker = "replay: chancheck ";
    const auto at = out.find(marker);
    if (at == std::string::npos) return {};
    const std::string line = out.substr(at + marker.size(), out.find('\n', at) - at - marker.size());
    std::vector<std::string> args;
    std::string word;
    bool quoted = false, in_word = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\'') {
            quoted = !quoted;
            in_word = true;
        } else if (c == '\\' && !quoted && i + 1 < line.size()) {
            word += line[++i];
        } else if (c == ' ' && !quoted) {
            if (in_word) args.push_back(word);
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) args.push_back(word);
    return args;
}

// The kind in "counterexample (deadlock)", or the verdict without one.
std::string verdict_of(const std::string& out) {
    const auto at = out.find("counterexample (");
    if (at == std::string::npos) return out.find("bounded") != std::string::npos ? "bounded" : "?";
    return out.substr(at + 16, out.find(')', at) - at - 16);
}

TEST(CliReplay, ThePrintedCommandReproducesRandomAndPctCounterexamples) {
    for (const char* strategy : {"random", "pct"})
        for (int seed = 1; seed <= 12; ++seed) {
            SCOPED_TRACE(std::string(strategy) + " seed " + std::to_string(seed));
            auto found = cli({"check", "shared-channels", "-p", "give-up=true", "-p", "requesters=3", "-p",
                              "response-capacity=1", "--strategy", strategy, "--iterations", "200", "--seed",
                              std::to_string(seed)});
            ASSERT_EQ(found.code, 1) << found.out << found.err;
            const std::vector<std::string> args = printed_replay(found.out);
            ASSERT_FALSE(args.empty()) << found.out;
            auto again = cli(args);
            EXPECT_EQ(again.code, 1) << again.out << again.err;
            EXPECT_EQ(verdict_of(again.out), verdict_of(found.out)) << again.out;
        }
}

TEST(CliReplay, ThePrintedCommandCarriesTheStepLimit) {
    auto found = cli({"check", "shared-channels", "-p", "requesters=3", "--max-steps", "12"});
    ASSERT_EQ(found.code, 1) << found.out << found.err;
    ASSERT_EQ(verdict_of(found.out), "step-limit") << found.out;
    const std::vector<std::string> args = printed_replay(found.out);
    auto again = cli(args);
    EXPECT_EQ(again.code, 1) << again.out << again.err;
    EXPECT_EQ(verdict_of(again.out), "step-limit") << again.out;
    EXPECT_NE(again.out.find("ran past 12 steps"), std::string::npos) << again.out;
    // The default needs no saying.
    auto plain = cli({"check", "shared-channels", "-p", "response-capacity=1", "-p", "requesters=2"});
    const std::vector<std::string> plain_args = printed_replay(plain.out);
    ASSERT_FALSE(plain_args.empty()) << plain.out;
    EXPECT_EQ(std::count(plain_args.begin(), plain_args.end(), "--max-steps"), 0) << plain.out;
}

TEST(CliReplay, ASavedReportReplaysUnderItsStepLimit) {
    const std::string path = testing::TempDir() + "/chancheck-step-limit.json";
    auto found = cli({"check", "shared-channels", "-p", "requesters=3", "--max-steps", "12", "--format", "json", "-o", path});
    ASSERT_EQ(found.code, 1) << found.out << found.err;
    auto again = cli({"replay", "--report", path});
    EXPECT_EQ(again.code, 1) << again.out << again.err;
    EXPECT_EQ(verdict_of(again.out), "step-limit") << again.out;
    // Another limit would contradict the schedule.
    EXPECT_EQ(cli({"replay", "--report", path, "--max-steps", "100"}).code, 2);
}

}  // namespace
}  // namespace chancheck
