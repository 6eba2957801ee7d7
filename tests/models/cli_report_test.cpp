// Every format from check, replay, run and check --all; files written
// whole; the progress line stays off the terminal-less test output.
#include "cli_capture.hpp"

#include <chancheck/model.hpp>
#include <chancheck/reports/json_reader.hpp>
#include <chancheck/reports/report.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

namespace chancheck {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path fresh_dir(const std::string& name) {
    fs::path dir = fs::path(testing::TempDir()) / name;
    fs::remove_all(dir);
    return dir;
}

// What each format's file starts with, so a test can tell them apart.
const std::map<std::string, std::string> signature{{"text", "shared-channels "},
                                                   {"json", "{\"schema\":1,"},
                                                   {"junit", "<?xml"},
                                                   {"sarif", "{"},
                                                   {"html", "<!DOCTYPE html>"}};

TEST(CliReports, CheckWritesEveryFormatToAFileAndTheTextToStdout) {
    const fs::path dir = fresh_dir("cli-formats");
    fs::create_directories(dir);
    for (const auto& format : reports::format_names()) {
        const fs::path file = dir / ("cx." + format);
        auto r = cli({"check", "shared-channels", "-p", "response-capacity=1", "-p", "requesters=2", "--format", format,
                      "-o", file.string()});
        EXPECT_EQ(r.code, 1) << format << r.err;
        EXPECT_NE(r.out.find("counterexample (assertion)"), std::string::npos) << format;
        const std::string content = slurp(file);
        EXPECT_EQ(content.rfind(signature.at(format), 0), 0u) << format << ":\n" << content.substr(0, 200);
        EXPECT_NE(content.find("requester 1"), std::string::npos) << format;
    }
    for (const auto& entry : fs::directory_iterator(dir))
        EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << "left behind: " << entry.path();
}

TEST(CliReports, ReplayRendersEveryFormat) {
    for (const auto& format : reports::format_names()) {
        auto r = cli({"replay", "shared-channels", "-p", "response-capacity=1", "-p", "requesters=2", "--schedule",
                      "0,0,0,0,0,2>1,1,3>1,3", "--format", format});
        EXPECT_EQ(r.code, 1) << format << r.err;
        EXPECT_EQ(r.out.rfind(signature.at(format), 0), 0u) << format << ":\n" << r.out.substr(0, 200);
    }
}

TEST(CliReports, RunReportsItsTallyAsJson) {
    auto r = cli({"run", "reply-channel", "--iterations", "3", "--format", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    reports::json_value v = reports::parse_json(r.out);
    EXPECT_EQ(v["backend"].text, "threads");
    EXPECT_EQ(v["verdict"].text, "bounded");
    EXPECT_EQ(v["stats"]["executions"].text, "3");
    ASSERT_FALSE(v["violations"].items.empty());
    EXPECT_EQ(v["violations"].items[0]["property"].text, "routing");
}

TEST(CliReports, CheckAllWritesOneReportPerCheckAndOneJUnitFile) {
    const fs::path dir = fresh_dir("cli-all");
    auto r = cli({"check", "--all", "-o", dir.string()});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    std::size_t checks = 0;
    std::set<std::string> declared;
    for (const model* m : registry::instance().all()) {
        checks += std::max<std::size_t>(1, m->spec().check_all.size());
        declared.insert(m->name());
        EXPECT_NE(r.out.find(m->name()), std::string::npos) << "stdout names every model";
    }
    std::set<std::string> reported;
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        reports::json_value v = reports::parse_json(slurp(entry.path()));
        reported.insert(v["model"].text);
        EXPECT_EQ(v["as-expected"].text, "true") << entry.path();
    }
    EXPECT_EQ(files, checks);
    EXPECT_EQ(reported, declared);
    const std::string junit = slurp(dir / "junit.xml");
    EXPECT_NE(junit.find("tests=\"" + std::to_string(checks) + "\""), std::string::npos) << junit.substr(0, 400);
    EXPECT_EQ(junit.find("<failure"), std::string::npos);
}

TEST(CliReports, CheckAllInAChosenFormat) {
    const fs::path dir = fresh_dir("cli-all-html");
    auto r = cli({"check", "--all", "--format", "html", "-o", dir.string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "shared-channels.html"));
    EXPECT_TRUE(fs::exists(dir / "junit.xml"));
    EXPECT_EQ(cli({"check", "--all", "--format", "html"}).code, 2) << "html to stdout needs one page per model";
}

TEST(CliReports, NoProgressLineWithoutATerminal) {
    auto r = cli({"check", "shared-channels", "-p", "requesters=6"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(cli({"check", "shared-channels", "--quiet"}).code, 0);
}

TEST(CliReports, TheReplayCommandNamesThisProgram) {
    // A user's own CLI over their own models replays with its own name.
    std::vector<std::string> args{"/opt/tools/pool-checker", "check", "shared-channels", "-p", "response-capacity=1",
                                  "-p", "requesters=2", "--format", "json"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    testing::internal::CaptureStdout();
    const int code = cli_main(static_cast<int>(argv.size()), argv.data());
    const std::string out = testing::internal::GetCapturedStdout();
    EXPECT_EQ(code, 1);
    EXPECT_EQ(reports::parse_json(out)["counterexample"]["replay"].text.rfind("pool-checker replay shared-channels", 0), 0u)
        << out;
    EXPECT_NE(cli({"check", "shared-channels", "-p", "response-capacity=1"}).out.find("replay: chancheck replay"),
              std::string::npos);
}

TEST(CliReports, AnUnwritableOutputIsAnErrorNotACrash) {
    auto r = cli({"check", "shared-channels", "--format", "json", "-o", "/nonexistent-dir/x.json"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace chancheck
