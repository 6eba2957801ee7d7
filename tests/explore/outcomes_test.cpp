// The explorer's outcome-collection mode (explore_options::on_execution):
// every execution the search runs to its end is passed on, a failure does
// not end the search, and the result still carries the first
// counterexample. The reduced search must then analyse a failed
// execution's races too, or it never reaches the outcomes past it.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <string>

namespace chancheck {
namespace {

using S = explore;
using explore_detail::execution_result;
using explore_detail::failure_kind;

// What main received, per execution: the program writes it here, the
// callback reads it on the same thread.
thread_local int received = 0;

// Two senders fill a buffered channel; main takes the first value and
// insists on 2. The depth-first search runs "a" first, so the first
// execution fails; reaching the other order takes the race between the
// two sends, found only by analysing the failed execution.
void first_of_two() {
    received = 0;
    auto c = make_chan<int, S>(2, "c");
    go<S>("a", [c] { c.send(1); });
    go<S>("b", [c] { c.send(2); });
    received = c.recv().value;
    expect<S>(received == 2, "second-first", "main received 1 first");
}

struct collected {
    std::mutex m;
    std::set<std::string> outcomes;
    std::uint64_t calls = 0;
};

check_result collect(bool reduction, unsigned jobs, collected& into) {
    explore_options o;
    o.strategy.reduction = reduction;
    o.jobs = jobs;
    o.on_execution = [&into](const execution_result& er) {
        std::lock_guard g(into.m);
        ++into.calls;
        into.outcomes.insert(std::string(explore_detail::failure_name(er.failure)) + " " + std::to_string(received));
    };
    return run_explorer(first_of_two, o);
}

TEST(Outcomes, WithoutTheCallbackTheFirstFailureEndsTheSearch) {
    explore_options o;
    check_result r = run_explorer(first_of_two, o);
    ASSERT_TRUE(r.cx);
    EXPECT_EQ(r.cx->kind, "assertion");
    EXPECT_EQ(r.stats.executions, 1u);
}

TEST(Outcomes, TheSearchGoesOnPastAFailureAndSeesEveryOutcome) {
    for (bool reduction : {true, false}) {
        collected c;
        check_result r = collect(reduction, 1, c);
        EXPECT_EQ(c.outcomes, (std::set<std::string>{"assertion 1", "none 2"})) << "reduction " << reduction;
        // The first failure, replayed with its trace, as without the callback.
        ASSERT_TRUE(r.cx) << reduction;
        EXPECT_EQ(r.cx->kind, "assertion");
        EXPECT_FALSE(r.cx->trace.empty());
        EXPECT_EQ(r.outcome, verdict::counterexample);
        // Exactly the executions the search counts: none abandoned ones.
        EXPECT_EQ(c.calls, r.stats.executions) << reduction;
    }
}

TEST(Outcomes, SplitOverThreadsTheCallbackSeesTheSameOutcomes) {
    collected c;
    check_result r = collect(true, 2, c);
    EXPECT_EQ(c.outcomes, (std::set<std::string>{"assertion 1", "none 2"}));
    ASSERT_TRUE(r.cx);
    EXPECT_EQ(r.cx->kind, "assertion");
    EXPECT_EQ(c.calls, r.stats.executions);
}

TEST(Outcomes, ABoundedSearchGoesOnPastAFailureToo) {
    collected c;
    explore_options o;
    o.strategy.name = "bounded";
    o.strategy.preemption_bound = 5;
    o.on_execution = [&c](const execution_result& er) {
        c.outcomes.insert(std::string(explore_detail::failure_name(er.failure)) + " " + std::to_string(received));
    };
    check_result r = run_explorer(first_of_two, o);
    EXPECT_EQ(c.outcomes, (std::set<std::string>{"assertion 1", "none 2"}));
    EXPECT_EQ(r.outcome, verdict::counterexample);
}

}  // namespace
}  // namespace chancheck
