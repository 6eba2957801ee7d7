// Every bundled model at its smallest interesting size, under the explorer
// and under Relacy: where the explorer proves, Relacy's default search finds
// nothing; where the explorer finds a counterexample, Relacy finds one of the
// same kind. The two backends share only the pattern and model source:
// the explorer runs each channel operation as one step, Relacy runs the
// channel implementation's locks, atomics and parking underneath.
#include "built_program.hpp"

#include <chancheck/check_model.hpp>
#include <chancheck/model.hpp>
#include <chancheck/relacy_process.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace chancheck {
namespace {

struct cross_case {
    std::string model;
    std::vector<std::string> params;
};

// ctest names a parameterised test after what GoogleTest prints for its
// parameter: the model and its parameters, not the struct's bytes.
void PrintTo(const cross_case& c, std::ostream* os) {
    *os << c.model;
    for (const auto& p : c.params) *os << " " << p;
}

// Two requesters where a model has them; each broken configuration the
// models document, and both sides of every gallery bug.
const std::vector<cross_case>& cases() {
    static const std::vector<cross_case> c = [] {
        std::vector<cross_case> v = {
            {"shared-channels", {"requesters=2"}},
            {"shared-channels", {"requesters=2", "response-capacity=1"}},
            {"shared-channels", {"requesters=2", "request-capacity=1"}},
            {"shared-channels", {"requesters=2", "coordinators=2"}},
            {"shared-channels", {"requesters=2", "give-up=true"}},
            {"reply-channel", {"requesters=2"}},
            {"reply-channel", {"requesters=2", "coordinators=2"}},
            {"reply-channel", {"requesters=2", "request-capacity=1"}},
            {"session-callback", {"requesters=2"}},
            {"route-table", {}},
            {"route-table", {"racy-read=true"}},
            {"seed-demo", {"routines=2"}},
        };
        for (const char* bug : {"serving-5865", "moby-4395", "cockroach-25456", "kubernetes-26980", "kubernetes-80284",
                                "moby-30408"})
            for (const char* fixed : {"fixed=true", "fixed=false"}) v.push_back({std::string("gallery/") + bug, {fixed}});
        return v;
    }();
    return c;
}

std::string verdict_of(const check_result& r) { return r.cx ? r.cx->kind : verdict_name(r.outcome); }

class CrossCheck : public testing::TestWithParam<cross_case> {};

TEST_P(CrossCheck, RelacyAgreesWithTheExplorer) {
    use_built_relacy();
    const cross_case& c = GetParam();
    const model* m = registry::instance().find(c.model);
    ASSERT_NE(m, nullptr) << c.model;
    const check_result explored = check_model(*m, m->spec().parse(c.params), {});
    ASSERT_NE(explored.outcome, verdict::bounded) << "the explorer must settle the case: " << c.model;

    relacy_request req;
    req.model = c.model;
    req.params = c.params;
    const check_result relacy = check_relacy(req);
    EXPECT_EQ(relacy.backend, "relacy");
    if (explored.outcome == verdict::proved) {
        EXPECT_FALSE(relacy.cx) << "Relacy found " << verdict_of(relacy) << ": " << (relacy.cx ? relacy.cx->message : "");
        EXPECT_EQ(relacy.outcome, verdict::bounded) << "a random search is not a proof";
    } else {
        ASSERT_TRUE(relacy.cx) << "the explorer found " << verdict_of(explored) << "; Relacy found nothing in "
                               << relacy.stats.executions << " iterations";
        // Relacy runs the channel implementation, whose send and close take
        // one lock: it sees the send past the close panic, not the race
        // between the two that Go's detector and the explorer report.
        const bool channel_race = explored.cx->kind == "race" && explored.cx->message.find("a send and a close") !=
                                                                      std::string::npos;
        EXPECT_EQ(relacy.cx->kind, channel_race ? "panic" : explored.cx->kind) << relacy.cx->message;
        EXPECT_FALSE(relacy.cx->schedule.empty());
        EXPECT_FALSE(relacy.cx->trace.empty());
    }
}

std::string case_name(const testing::TestParamInfo<cross_case>& info) {
    std::string name = info.param.model;
    for (const auto& p : info.param.params) name += "_" + p;
    for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(BundledModels, CrossCheck, testing::ValuesIn(cases()), case_name);

// A model added without a cross-check case fails here.
TEST(CrossCheckCoverage, EveryBundledModelHasACase) {
    std::set<std::string> covered;
    for (const auto& c : cases()) covered.insert(c.model);
    for (const model* m : registry::instance().all()) EXPECT_TRUE(covered.count(m->name())) << m->name();
}

}  // namespace
}  // namespace chancheck
