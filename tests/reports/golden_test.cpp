// Golden files: the text and JUnit reports of two replayed counterexamples,
// compared byte for byte with tests/reports/golden/. The fixtures replay
// stored schedules with fixed timings and the build makes source paths
// relative, so any difference is a change in what the writers print.
//
// When a change is intended, regenerate the goldens and review the diff:
//
//   CHANCHECK_UPDATE_GOLDEN=1 build/default/tests/report_format_tests --gtest_filter='Golden.*'
//   git diff tests/reports/golden/
#include "sample_results.hpp"

#include <chancheck/reports/report.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <span>
#include <sstream>
#include <string>

namespace chancheck::reports {
namespace {

using namespace chancheck::testing_reports;
namespace fs = std::filesystem;

bool updating() {
    const char* v = std::getenv("CHANCHECK_UPDATE_GOLDEN");
    return v && *v && std::string(v) != "0";
}

std::string line_at(const std::string& s, std::size_t n) {
    std::istringstream in(s);
    std::string line;
    for (std::size_t i = 0; std::getline(in, line); ++i)
        if (i == n) return line;
    return "<end of file>";
}

void compare_with_golden(const std::string& actual, const std::string& name) {
    const fs::path golden = fs::path(CHANCHECK_GOLDEN_DIR) / name;
    if (updating()) {
        write_file_atomically(golden.string(), actual);
        std::cout << "updated " << golden.string() << "\n";
        return;
    }
    std::ifstream in(golden, std::ios::binary);
    ASSERT_TRUE(in) << "no golden file " << golden.string()
                    << "; create it with CHANCHECK_UPDATE_GOLDEN=1 (see golden_test.cpp)";
    const std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (actual == expected) return;

    // Where they part, and the whole output beside the golden for `diff`.
    std::size_t at = 0, line = 0;
    while (at < actual.size() && at < expected.size() && actual[at] == expected[at])
        if (actual[at++] == '\n') ++line;
    const fs::path written = fs::path(::testing::TempDir()) / (name + ".actual");
    write_file_atomically(written.string(), actual);
    ADD_FAILURE() << name << " differs from its golden file from line " << line + 1 << ":\n"
                  << "  golden: " << line_at(expected, line) << "\n"
                  << "  actual: " << line_at(actual, line) << "\n"
                  << "see: diff " << golden.string() << " " << written.string() << "\n"
                  << "if the change is intended: CHANCHECK_UPDATE_GOLDEN=1 report_format_tests --gtest_filter='Golden.*'";
}

std::string text_of(const check_result& r) {
    std::ostringstream out;
    write_text(out, r, {.color = false});
    return out.str();
}

std::string junit_of(const check_result& r) {
    std::ostringstream out;
    write_junit(out, std::span<const check_result>(&r, 1));
    return out.str();
}

TEST(Golden, MisroutingText) { compare_with_golden(text_of(misrouting()), "misrouting.txt"); }

TEST(Golden, MisroutingJunit) { compare_with_golden(junit_of(misrouting()), "misrouting.xml"); }

TEST(Golden, DeadlockText) { compare_with_golden(text_of(deadlock()), "deadlock.txt"); }

TEST(Golden, DeadlockJunit) { compare_with_golden(junit_of(deadlock()), "deadlock.xml"); }

}  // namespace
}  // namespace chancheck::reports
