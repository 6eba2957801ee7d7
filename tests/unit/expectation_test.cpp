// Declared verdicts: how `check --all` and the reports judge a check against
// what its model declared.
#include <chancheck/check_result.hpp>
#include <chancheck/reports/report.hpp>

#include <gtest/gtest.h>

namespace chancheck {
namespace {

check_result ended(verdict v, const std::string& kind = "") {
    check_result r;
    r.outcome = v;
    if (v == verdict::counterexample) {
        r.cx.emplace();
        r.cx->kind = kind;
    }
    if (v == verdict::bounded) r.cuts = {"max executions 2"};
    return r;
}

check_result declared(check_result r, const std::string& expected) {
    r.expected = expected;
    return r;
}

TEST(Expectation, NothingDeclaredWantsAProof) {
    EXPECT_EQ(judge(ended(verdict::proved)), expectation::met);
    EXPECT_EQ(judge(ended(verdict::bounded)), expectation::cut);
    EXPECT_EQ(judge(ended(verdict::counterexample, "deadlock")), expectation::failed);
    EXPECT_EQ(judge(declared(ended(verdict::proved), "proved")), expectation::met);
}

// A sampling backend cannot prove: its bounded result where a proof was
// declared reads "not a proof", not "not as expected".
TEST(Expectation, TheTextReportCallsACutSearchNotAProofRatherThanAFailure) {
    const std::string cut = reports::to_string(declared(ended(verdict::bounded), "proved"), "text");
    EXPECT_EQ(cut.find("not as expected"), std::string::npos) << cut;
    EXPECT_NE(cut.find("not a proof: max executions 2"), std::string::npos) << cut;
    const std::string missed = reports::to_string(declared(ended(verdict::bounded), "leak"), "text");
    EXPECT_NE(missed.find("not as expected: the check should end in leak"), std::string::npos) << missed;
}

TEST(Expectation, ADeclaredBugMustBeFoundAsItsKind) {
    EXPECT_EQ(judge(declared(ended(verdict::counterexample, "leak"), "leak")), expectation::met);
    EXPECT_EQ(judge(declared(ended(verdict::counterexample, "deadlock"), "leak")), expectation::failed);
    EXPECT_EQ(judge(declared(ended(verdict::proved), "leak")), expectation::failed);
    // Not finding it is a failure even when the search was only bounded.
    EXPECT_EQ(judge(declared(ended(verdict::bounded), "leak")), expectation::failed);
    EXPECT_TRUE(as_expected(declared(ended(verdict::counterexample, "race"), "race")));
}

}  // namespace
}  // namespace chancheck
