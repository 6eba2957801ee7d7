// Declared verdicts: how `check --all` and the reports judge a check against
// what its model declared.
#include <chancheck/check_result.hpp>

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
