// The exhaustive search split into parts (split_plan): the parts together
// run exactly the executions of the whole search, each once, whether they
// are processes (shards) or threads (jobs); a counterexample in any part is
// found; a shard alone never claims a proof.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include "echo_callers.hpp"

#include <gtest/gtest.h>

#include <set>

namespace chancheck {
namespace {

using S = explore;

// n senders racing to one receiver: n! traces, each a different order.
void senders(int n) {
    auto c = make_chan<int, S>(0, "c");
    for (int i = 0; i < n; ++i) go<S>("sender", [c, i] { c.send(i); });
    for (int i = 0; i < n; ++i) c.recv();
}

check_result part(const std::function<void()>& program, std::uint64_t index, std::uint64_t count, unsigned jobs = 1,
                  bool reduction = true) {
    explore_options o;
    o.strategy.reduction = reduction;
    o.shard_index = index;
    o.shard_count = count;
    o.jobs = jobs;
    return run_explorer(program, o);
}

TEST(SplitSearch, ShardsTogetherRunEveryExecutionOnce) {
    for (std::uint64_t count : {2u, 3u, 7u}) {
        std::uint64_t total = 0;
        std::set<std::size_t> depths;
        for (std::uint64_t i = 0; i < count; ++i) {
            check_result r = part([] { senders(5); }, i, count);
            EXPECT_EQ(r.outcome, verdict::bounded) << "a shard alone is never a proof";
            ASSERT_TRUE(r.shard);
            EXPECT_TRUE(r.shard->searched);
            EXPECT_EQ(r.shard->index, i);
            EXPECT_EQ(r.shard->count, count);
            depths.insert(r.shard->split_depth);
            ASSERT_EQ(r.cuts.size(), 1u);
            EXPECT_NE(r.cuts[0].find("shard " + std::to_string(i) + "/" + std::to_string(count)), std::string::npos);
            total += r.stats.executions;
        }
        EXPECT_EQ(total, 120u) << count;
        EXPECT_EQ(depths.size(), 1u) << "every shard splits the tree at the same depth";
    }
}

TEST(SplitSearch, WithoutReductionToo) {
    const std::uint64_t whole = run_explorer([] { senders(3); }, [] {
                                    explore_options o;
                                    o.strategy.reduction = false;
                                    return o;
                                }()).stats.executions;
    std::uint64_t total = 0;
    for (std::uint64_t i = 0; i < 3; ++i) total += part([] { senders(3); }, i, 3, 1, false).stats.executions;
    EXPECT_EQ(total, whole);
}

TEST(SplitSearch, ThreadsShareTheWorkAndProve) {
    // 7! = 5040: more than the one-thread trial, so the threads split it.
    for (unsigned jobs : {2u, 4u}) {
        check_result r = part([] { senders(7); }, 0, 1, jobs);
        EXPECT_EQ(r.outcome, verdict::proved) << jobs;
        EXPECT_EQ(r.stats.executions, 5040u) << jobs;
        EXPECT_FALSE(r.shard);
        EXPECT_TRUE(r.cuts.empty());
    }
    // Threads within one shard: the shard's executions, each once.
    std::uint64_t total = 0;
    for (std::uint64_t i = 0; i < 3; ++i) total += part([] { senders(5); }, i, 3, 2).stats.executions;
    EXPECT_EQ(total, 120u);
}

// A tree that ends within the trial on one thread is that search, as it is:
// no split, no executions of other parts' units.
// (An echo server and interchangeable callers: with symmetry a few
// executions, which a split search, with no reduction above its split,
// would surround with thousands of abandoned ones.)
TEST(SplitSearch, ASmallTreeIsSearchedOnOneThread) {
    auto program = [] { echo_callers(8); };
    auto run = [&](unsigned jobs) {
        explore_options o;
        o.strategy.symmetry = true;
        o.jobs = jobs;
        return run_explorer(program, o);
    };
    const check_result one = run(1), two = run(2);
    EXPECT_EQ(two.outcome, verdict::proved);
    EXPECT_EQ(two.stats.executions, one.stats.executions);
    EXPECT_EQ(two.stats.abandoned, one.stats.abandoned);
    EXPECT_EQ(two.stats.events, one.stats.events);
    EXPECT_EQ(two.stats.goroutines_started, one.stats.goroutines_started);
}

TEST(SplitSearch, ACounterexampleInAnyPartIsFound) {
    // Only the order 2, 1, 0 fails: one shard holds it.
    auto program = [] {
        auto c = make_chan<int, S>(0, "c");
        for (int i = 0; i < 3; ++i) go<S>("sender", [c, i] { c.send(i); });
        int a = c.recv().value, b = c.recv().value;
        c.recv();
        expect<S>(!(a == 2 && b == 1), "not 2,1,0", "received 2, 1, 0");
    };
    int found = 0;
    for (std::uint64_t i = 0; i < 3; ++i) {
        check_result r = part(program, i, 3);
        if (r.cx) {
            ++found;
            EXPECT_EQ(r.outcome, verdict::counterexample);
            EXPECT_EQ(r.cx->kind, "assertion");
        }
    }
    EXPECT_EQ(found, 1);
}

// Past the one-thread trial: only the order 6, 5, ..., 0 of seven senders
// fails, one execution of 5040, which the threads' search reaches.
TEST(SplitSearch, ThreadsFindACounterexamplePastTheTrial) {
    auto program = [] {
        auto c = make_chan<int, S>(0, "c");
        for (int i = 0; i < 7; ++i) go<S>("sender", [c, i] { c.send(i); });
        bool reversed = true;
        for (int i = 6; i >= 0; --i) reversed &= c.recv().value == i;
        expect<S>(!reversed, "not 6..0", "received 6, 5, 4, 3, 2, 1, 0");
    };
    check_result threads = part(program, 0, 1, 2);
    ASSERT_EQ(threads.outcome, verdict::counterexample);
    EXPECT_EQ(threads.cx->kind, "assertion");
    EXPECT_GT(threads.stats.executions, 1000u) << "found by the trial, not the threads";
}

TEST(SplitSearch, RejectsAShardOutsideTheCount) {
    EXPECT_THROW(part([] { senders(2); }, 3, 3), std::invalid_argument);
}

}  // namespace
}  // namespace chancheck
