// The bundled models on real threads: correct configurations run clean;
// the broken ones show their bug within a bounded number of runs.
#include <chancheck/model.hpp>
#include <chancheck/run_threads.hpp>

#include <gtest/gtest.h>

namespace chancheck {
namespace {

const model& named(const char* name) {
    const model* m = registry::instance().find(name);
    if (!m) throw std::logic_error(std::string("model not registered: ") + name);
    return *m;
}

long violations_of(const threads_run_summary& s, const std::string& property) {
    for (const auto& [name, n] : s.violated)
        if (name == property) return n;
    return 0;
}

// Runs batches until the property is violated or the budget is spent.
bool shows_violation(const char* model_name, std::vector<std::string> params, const std::string& property,
                     long budget = 20'000) {
    const model& m = named(model_name);
    param_values pv = m.spec().parse(params);
    for (long done = 0; done < budget; done += 200) {
        auto s = run_model_on_threads(m, pv, {.iterations = 200, .seed = static_cast<std::uint64_t>(done + 1)});
        if (violations_of(s, property) > 0) return true;
    }
    return false;
}

// What `check --all` must prove runs clean on real threads too (a gallery
// model's known bug is only one of its checks).
TEST(ModelsOnThreads, EveryCheckThatMustProveRunsClean) {
    for (const model* m : registry::instance().all()) {
        std::vector<expected_check> checks = m->spec().check_all;
        if (checks.empty()) checks.push_back({});
        for (const expected_check& c : checks) {
            if (c.expect != "proved") continue;
            auto s = run_model_on_threads(*m, m->spec().parse(c.params), {.iterations = 20});
            EXPECT_FALSE(s.violations_seen()) << m->name() << ":\n" << s.first_failure_text;
        }
    }
}

TEST(ModelsOnThreads, SharedChannelsWithBufferedRequestsMisroutes) {
    EXPECT_TRUE(shows_violation("shared-channels", {"request-capacity=1", "requesters=4"}, "routing"));
}

TEST(ModelsOnThreads, SharedChannelsWithBufferedResponsesMisroutes) {
    EXPECT_TRUE(shows_violation("shared-channels", {"response-capacity=1", "requesters=4"}, "routing"));
}

TEST(ModelsOnThreads, SharedChannelsWithTwoCoordinatorsMisroutes) {
    EXPECT_TRUE(shows_violation("shared-channels", {"coordinators=2", "requesters=4"}, "routing"));
}

TEST(ModelsOnThreads, ReplyChannelStaysCorrectWhereSharedChannelsBreaks) {
    const model& m = named("reply-channel");
    auto s = run_model_on_threads(m, m.spec().parse({"request-capacity=2", "coordinators=2", "requesters=8"}),
                                  {.iterations = 200});
    EXPECT_FALSE(s.violations_seen()) << s.first_failure_text;
}

TEST(ModelsOnThreads, GiveUpStallsTheCoordinatorAndTheWatchdogSaysWhere) {
    const model& m = named("shared-channels");
    auto s = run_model_on_threads(m, m.spec().parse({"give-up=true"}),
                                  {.iterations = 5, .stall_after = std::chrono::milliseconds(500)});
    ASSERT_TRUE(s.stalled);
    EXPECT_EQ(violations_of(s, "terminates"), 1);
    EXPECT_NE(s.first_failure_text.find("coordinator 0\": blocked: send to responses"), std::string::npos)
        << s.first_failure_text;
}

TEST(ModelsOnThreads, SeedDemoPrintsTheDemoLines) {
    const model& m = named("seed-demo");
    auto s = run_model_on_threads(m, m.spec().parse({}), {.iterations = 1});
    ASSERT_EQ(s.output.size(), 10u);
    std::vector<std::string> sorted = s.output;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted[3], "routine 3 gets response: this return value is meant for routine 3");
}

TEST(ModelParams, OutOfRangeUnknownAndMalformedValuesAreUsageErrors) {
    const model_spec& spec = named("shared-channels").spec();
    EXPECT_THROW(spec.parse({"requesters=0"}), usage_error);
    EXPECT_THROW(spec.parse({"request-capacity=-1"}), usage_error);
    EXPECT_THROW(spec.parse({"nonsense=1"}), usage_error);
    EXPECT_THROW(spec.parse({"requesters=three"}), usage_error);
    EXPECT_THROW(spec.parse({"requesters"}), usage_error);
    EXPECT_THROW(spec.parse({"give-up=maybe"}), usage_error);
    EXPECT_THROW(spec.parse({"requesters=99999999999999999999"}), usage_error);
    EXPECT_EQ(spec.parse({"give-up=true", "requesters=5"}).describe(),
              "requesters=5 coordinators=1 request-capacity=0 response-capacity=0 give-up=true");
}

}  // namespace
}  // namespace chancheck
