// GoogleTest assertions on check results: a failure prints the whole text
// report, so the test log shows the interleaving that broke the property
// and the command that replays it.
//
//   EXPECT_PROVED(chancheck::check(model));
//   EXPECT_COUNTEREXAMPLE(chancheck::check(buggy_model), "deadlock");
//   ASSERT_PROVED(result) << "with 3 clients";
#pragma once

#include <chancheck/check_result.hpp>
#include <chancheck/reports/report.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace chancheck::testing {

inline std::string report_text(const check_result& r) {
    std::ostringstream o;
    reports::write_text(o, r);
    return o.str();
}

inline ::testing::AssertionResult is_proved(const char* expr, const check_result& r) {
    if (r.outcome == verdict::proved) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << expr << " is " << verdict_name(r.outcome) << ", not proved:\n"
                                         << report_text(r);
}

inline ::testing::AssertionResult is_counterexample(const char* expr, const char*, const check_result& r,
                                                    const std::string& kind) {
    if (r.cx && r.cx->kind == kind) return ::testing::AssertionSuccess();
    ::testing::AssertionResult failure = ::testing::AssertionFailure();
    failure << expr << " should be a " << kind << " counterexample, but is ";
    if (r.cx) failure << "a " << r.cx->kind << " counterexample";
    else failure << verdict_name(r.outcome);
    return failure << ":\n" << report_text(r);
}

}  // namespace chancheck::testing

#define EXPECT_PROVED(result) EXPECT_PRED_FORMAT1(::chancheck::testing::is_proved, result)
#define ASSERT_PROVED(result) ASSERT_PRED_FORMAT1(::chancheck::testing::is_proved, result)
#define EXPECT_COUNTEREXAMPLE(result, kind) EXPECT_PRED_FORMAT2(::chancheck::testing::is_counterexample, result, kind)
#define ASSERT_COUNTEREXAMPLE(result, kind) ASSERT_PRED_FORMAT2(::chancheck::testing::is_counterexample, result, kind)
