// The gallery of real-world Go bugs (models/gallery/): each buggy variant
// shows exactly the counterexample it declares, each fixed variant is proved,
// and the fixed variants run clean on real threads.
#include <chancheck/check_model.hpp>
#include <chancheck/run_threads.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chancheck {
namespace {

std::vector<const model*> gallery() {
    std::vector<const model*> out;
    for (const model* m : registry::instance().all())
        if (m->name().starts_with("gallery/")) out.push_back(m);
    return out;
}

// The verdict a model declares for one parameter assignment.
std::string declared(const model& m, const std::string& assignment) {
    for (const expected_check& c : m.spec().check_all)
        if (c.params == std::vector<std::string>{assignment}) return c.expect;
    return "";
}

TEST(Gallery, HasExactlyTheSixKernels) {
    std::vector<std::string> names;
    for (const model* m : gallery()) names.push_back(m->name());
    EXPECT_EQ(names, (std::vector<std::string>{"gallery/cockroach-25456", "gallery/kubernetes-26980",
                                               "gallery/kubernetes-80284", "gallery/moby-30408",
                                               "gallery/moby-4395", "gallery/serving-5865"}));
}

TEST(Gallery, EachBugShowsTheCounterexampleItDeclares) {
    for (const model* m : gallery()) {
        const std::string kind = declared(*m, "fixed=false");
        ASSERT_NE(kind, "") << m->name() << " declares no verdict for fixed=false";
        ASSERT_NE(kind, "proved") << m->name();
        check_result r = check_model(*m, m->spec().parse({"fixed=false"}), {});
        ASSERT_EQ(r.outcome, verdict::counterexample) << m->name();
        EXPECT_EQ(r.cx->kind, kind) << m->name() << ": " << r.cx->message;
    }
}

TEST(Gallery, EachFixIsProved) {
    for (const model* m : gallery()) {
        EXPECT_EQ(declared(*m, "fixed=true"), "proved") << m->name();
        check_result r = check_model(*m, m->spec().parse({"fixed=true"}), {});
        EXPECT_EQ(r.outcome, verdict::proved) << m->name() << (r.cx ? ": " + r.cx->message : "");
        EXPECT_TRUE(r.cuts.empty()) << m->name();
    }
}

// Every fixed kernel terminates on its own (no sleeps, timers or daemons), so
// a stall here is a real hang. The buggy ones are left to the explorer: on
// threads they panic, hang until the stall watchdog fires, or race silently.
TEST(Gallery, EachFixRunsCleanOnThreads) {
    for (const model* m : gallery()) {
        auto s = run_model_on_threads(*m, m->spec().parse({"fixed=true"}),
                                      {.iterations = 10, .stall_after = std::chrono::milliseconds(200)});
        EXPECT_FALSE(s.violations_seen()) << m->name() << ":\n" << s.first_failure_text;
    }
}

}  // namespace
}  // namespace chancheck
