// The progress a long search reports: executions only grow, and the
// strategies that can tell say how much of the search is done.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace chancheck {
namespace {

using S = explore;
using namespace std::chrono_literals;

// Three goroutines that each take one lock: 3! orders, plus each one's
// unlock interleaved with the others' attempts.
void lockers() {
    mutex<S> m;
    wait_group<S> wg;
    wg.add(3);
    for (const char* name : {"a", "b", "c"})
        go<S>(name, [&] {
            m.lock();
            m.unlock();
            wg.done();
        });
    wg.wait();
}

std::vector<search_progress> progress_of(explore_options o) {
    std::vector<search_progress> seen;
    o.progress_interval = 0;
    o.progress = [&](const search_progress& p) { seen.push_back(p); };
    check_result r = run_explorer(lockers, o);
    EXPECT_FALSE(r.cx.has_value());
    EXPECT_EQ(seen.size(), r.stats.executions + r.stats.abandoned);
    for (std::size_t i = 1; i < seen.size(); ++i) {
        EXPECT_GT(seen[i].executions, seen[i - 1].executions);
        EXPECT_GE(seen[i].seconds, seen[i - 1].seconds);
    }
    return seen;
}

TEST(SearchProgress, RandomSearchCountsItsIterations) {
    explore_options o;
    o.strategy.name = "random";
    o.strategy.iterations = 40;
    auto seen = progress_of(o);
    ASSERT_EQ(seen.size(), 40u);
    EXPECT_NEAR(seen.front().fraction_done, 1.0 / 40, 1e-9);
    EXPECT_DOUBLE_EQ(seen.back().fraction_done, 1.0);
    EXPECT_GT(seen.back().depth, 0u);
}

TEST(SearchProgress, BoundedSearchEstimateOnlyGrowsAndStaysBelowOne) {
    explore_options o;
    o.strategy.name = "bounded";
    o.strategy.preemption_bound = 1;
    auto seen = progress_of(o);
    ASSERT_GT(seen.size(), 3u);
    EXPECT_DOUBLE_EQ(seen.front().fraction_done, 0.0);
    for (std::size_t i = 1; i < seen.size(); ++i) {
        EXPECT_GE(seen[i].fraction_done, seen[i - 1].fraction_done);
        EXPECT_LT(seen[i].fraction_done, 1.0);
    }
}

TEST(SearchProgress, AReducedSearchShowsItsShareOfTheEstimate) {
    auto seen = progress_of(explore_options{});
    ASSERT_FALSE(seen.empty());
    for (std::size_t i = 0; i < seen.size(); ++i) {
        EXPECT_GE(seen[i].fraction_done, 0.0);
        EXPECT_LE(seen[i].fraction_done, 0.99);
        if (i > 0) {
            EXPECT_GE(seen[i].fraction_done, seen[i - 1].fraction_done);
        }
    }
}

// n senders on one unbuffered channel, main receives n times: every race is
// between hand-offs to main, so the estimate is exact: n! executions.
void senders(int n) {
    auto c = make_chan<int, S>(0, "c");
    for (int i = 0; i < n; ++i) go<S>("sender", [c, i] { c.send(i); });
    for (int i = 0; i < n; ++i) c.recv();
}

TEST(SearchEstimate, ExactWhereEveryRaceIsWithTheFirstStep) {
    for (int n : {1, 3, 5}) {
        search_estimate e = estimate_search([n] { senders(n); }, explore_options{}, 50);
        const double factorial = n == 1 ? 1 : n == 3 ? 6 : 120;
        EXPECT_DOUBLE_EQ(e.executions, factorial) << n;
        EXPECT_EQ(run_explorer([n] { senders(n); }, explore_options{}).stats.executions, factorial) << n;
        EXPECT_EQ(e.paths, 50u);
        EXPECT_EQ(e.failed_paths, 0u);
        EXPECT_GE(e.seconds, 0.0);
        // Every path implies the same size: nothing uncertain about it.
        EXPECT_EQ(e.standard_error, 0.0) << n;
        EXPECT_EQ(e.least, factorial) << n;
        EXPECT_EQ(e.most, factorial) << n;
    }
}

// A client that retries its request until the server takes it, giving up on
// each try when a timer fires first: the loop can run again and again, and
// a path that goes round it many times leads into most of the tree.
void retry_until_served() {
    auto requests = make_chan<int, S>(0, "requests");
    go<S>("server", [requests] { requests.recv(); });
    for (bool sent = false; !sent;) select(on_send(requests, 1, [&] { sent = true; }), on_recv(after<S>(1ms)));
}

TEST(SearchEstimate, ARetryLoopOnATimerIsUncertain) {
    explore_options o;
    o.max_steps = 60;
    const search_estimate e = estimate_search(retry_until_served, o, 1000);
    // Most paths leave the loop after a try or two; the rare long ones
    // imply thousands of executions.
    EXPECT_GT(e.standard_error, 0.0);
    EXPECT_GE(e.most, 100 * e.least) << e.least << " to " << e.most;
    EXPECT_LE(e.least, e.executions);
    EXPECT_GE(e.most, e.executions);
    EXPECT_EQ(e.step_limited_paths, 0u);
}

TEST(SearchEstimate, CountsPathsCutByTheStepLimit) {
    explore_options o;
    o.max_steps = 12;  // four tries
    const search_estimate e = estimate_search(retry_until_served, o, 400);
    EXPECT_GT(e.step_limited_paths, 0u);
    EXPECT_LT(e.step_limited_paths, 400u);
    EXPECT_EQ(e.failed_paths, e.step_limited_paths);  // nothing else fails
}

TEST(SearchEstimate, CountsFailingPaths) {
    search_estimate e = estimate_search(
        [] {
            auto c = make_chan<int, S>(0, "c");
            go<S>("sender", [c] { c.send(1); });
        },
        explore_options{}, 20);
    EXPECT_EQ(e.failed_paths, 20u);  // the sender leaks on every path
}

}  // namespace
}  // namespace chancheck
