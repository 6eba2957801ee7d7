// The text report's layout where the golden files do not reach: traces with
// more goroutines than fit side by side.
#include "sample_results.hpp"

#include <chancheck/reports/report.hpp>

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

namespace chancheck::reports {
namespace {

using namespace chancheck::testing_reports;

// 300 requesters, cut by the step limit: every goroutine appears in the
// trace, each further right than the last if lanes never stopped.
TEST(TextReport, LanesStopIndentingWhereManyGoroutinesWouldRunOffTheScreen) {
    explore_options o;
    o.max_steps = 700;
    const check_result r = checked("shared-channels", {"requesters=300"}, o);
    ASSERT_TRUE(r.cx);
    std::ostringstream out;
    write_text(out, r, {.color = false});
    std::istringstream lines(out.str());
    std::set<std::string> requesters;
    for (std::string line; std::getline(lines, line);) {
        if (line.find("replay:") != std::string::npos) continue;  // one long command line
        EXPECT_LE(line.size(), 200u) << line.substr(0, 120);
        if (auto at = line.find("requester "); at != std::string::npos) requesters.insert(line.substr(at, line.find(':', at) - at));
    }
    EXPECT_GT(requesters.size(), 100u);  // the trace did show many goroutines
}

}  // namespace
}  // namespace chancheck::reports
