// Reports of every fixture, written to files for the schema check
// (tests/reports/validate_reports.py fixtures, the ctest
// reports.schema.fixtures), which runs this test with CHANCHECK_REPORT_DIR
// set to the directory it then validates. Run on its own, it writes under
// testing::TempDir() and only checks that the files were written.
#include "sample_results.hpp"

#include <chancheck/reports/report.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace chancheck::reports {
namespace {

using namespace chancheck::testing_reports;
namespace fs = std::filesystem;

fs::path report_dir() {
    if (const char* dir = std::getenv("CHANCHECK_REPORT_DIR"); dir && *dir) return dir;
    return fs::path(::testing::TempDir()) / "chancheck-report-files";
}

TEST(JsonAndSarif, EveryFixtureWrittenToFilesForTheSchemaCheck) {
    const std::vector<std::pair<std::string, std::function<check_result()>>> fixtures{
        {"misrouting", misrouting}, {"deadlock", deadlock}, {"race", race},
        {"proof", proof},           {"bounded", bounded},   {"threads-run", threads_run}};
    const fs::path dir = report_dir();
    fs::create_directories(dir);
    std::vector<check_result> all;
    for (const auto& [name, make] : fixtures) {
        all.push_back(make());
        for (const char* format : {"json", "sarif"}) {
            const fs::path file = dir / (name + "." + format);
            write_file_atomically(file.string(), to_string(all.back(), format));
            EXPECT_GT(fs::file_size(file), 0u) << file;
        }
    }
    // Several results: one SARIF run, one JSON object per line.
    write_file_atomically((dir / "all.sarif").string(), to_string(all, "sarif"));
    write_file_atomically((dir / "all.json").string(), to_string(all, "json"));
}

}  // namespace
}  // namespace chancheck::reports
