// The pool, checked from GoogleTest: each test hands chancheck the program's
// main, written once over the backend S, and asserts on the result.
#include "pool.hpp"

#include <chancheck/check.hpp>
#include <chancheck/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

namespace {

// Three clients share two connections, one acquire/release each.
constexpr auto correct_pool = []<chancheck::Sync S>() { pool_example::pool_clients<S>(3, 2, false); };
constexpr auto buggy_pool = []<chancheck::Sync S>() { pool_example::pool_clients<S>(3, 2, true); };

TEST(Pool, NeverHandsOneConnectionToTwoClients) {
    chancheck::check_options opts;
    opts.name = "pool";
    chancheck::check_result r = chancheck::check(correct_pool, opts);
    EXPECT_PROVED(r);
    EXPECT_GT(r.stats.executions, 1u);
}

TEST(Pool, ClientsWaitWhileTheOnlyConnectionIsOut) {
    chancheck::check_options opts;
    opts.name = "pool, one connection";
    EXPECT_PROVED(chancheck::check([]<chancheck::Sync S>() { pool_example::pool_clients<S>(2, 1, false, 2); }, opts));
}

TEST(Pool, RoundRobinOwnerHandsOutAConnectionStillHeld) {
    chancheck::check_options opts;
    opts.name = "pool, round-robin owner";
    chancheck::check_result r = chancheck::check(buggy_pool, opts);
    EXPECT_COUNTEREXAMPLE(r, "assertion");
    ASSERT_TRUE(r.cx);
    EXPECT_NE(r.cx->message.find("property exclusive violated"), std::string::npos) << r.cx->message;
    EXPECT_FALSE(r.cx->schedule.empty());
}

TEST(Pool, RoundRobinOwnerIsFoundByARandomSearchToo) {
    chancheck::check_options opts;
    opts.name = "pool, round-robin owner";
    opts.strategy.name = "random";
    opts.strategy.iterations = 2000;
    EXPECT_COUNTEREXAMPLE(chancheck::check(buggy_pool, opts), "assertion");
}

// A failed EXPECT_PROVED prints the counterexample: the failing property and
// the interleaving that led there, step by step.
TEST(Pool, AFailedProofPrintsTheTrace) {
    EXPECT_NONFATAL_FAILURE(EXPECT_PROVED(chancheck::check(buggy_pool)), "check exclusive fails");
}

TEST(Pool, RunsCleanOnRealThreads) {
    chancheck::check_result r = chancheck::run_threads(correct_pool, {.iterations = 50}, "pool");
    EXPECT_EQ(r.outcome, chancheck::verdict::bounded);
    EXPECT_FALSE(r.cx) << r.cx->message;
}

}  // namespace
