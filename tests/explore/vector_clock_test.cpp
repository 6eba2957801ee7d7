// The persistent vector clock against a plain array of counters, and the
// property it exists for: copies share their storage.
#include <chancheck/explore/vector_clock.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace chancheck::explore_detail {
namespace {

using dense = std::vector<std::uint32_t>;

std::uint32_t at(const dense& d, std::size_t g) { return g < d.size() ? d[g] : 0; }

bool dense_leq(const dense& a, const dense& b) {
    for (std::size_t g = 0; g < a.size(); ++g)
        if (a[g] > at(b, g)) return false;
    return true;
}

void expect_equal(const vector_clock& c, const dense& d, std::size_t upto) {
    for (std::size_t g = 0; g < upto; ++g) ASSERT_EQ(c.get(g), at(d, g)) << "goroutine " << g;
}

TEST(VectorClock, EmptyIsZeroEverywhereAndBelowEverything) {
    vector_clock a, b;
    b.set(4000, 1);
    EXPECT_EQ(a.get(0), 0u);
    EXPECT_EQ(a.get(1u << 30), 0u);
    EXPECT_TRUE(a.leq(b));
    EXPECT_FALSE(b.leq(a));
    EXPECT_TRUE(a.leq(a));
}

TEST(VectorClock, ClocksOfDifferentSizesCompareAndJoin) {
    vector_clock small, big;
    small.set(3, 2);
    big.set(3, 2);
    big.set(300, 1);  // two levels taller
    EXPECT_TRUE(small.leq(big));
    EXPECT_FALSE(big.leq(small));
    small.join(big);
    EXPECT_EQ(small.get(300), 1u);
    EXPECT_TRUE(big.leq(small));
    vector_clock tall;
    tall.set(5000, 0);  // a zero set changes nothing
    tall.set(2, 7);
    tall.set(5000, 1);
    tall.set(5000, 0);  // taller, but only goroutine 2 counts
    vector_clock low;
    low.set(2, 7);
    EXPECT_TRUE(tall.leq(low));
    EXPECT_TRUE(low.leq(tall));
}

// Random sets, ticks, joins, copies and assignments on a handful of clocks
// over goroutine ids that need one to three levels, each mirrored on a dense
// array: every counter and every comparison must agree, and a copy must not
// see later changes to what it was copied from.
TEST(VectorClock, AgreesWithDenseCountersUnderRandomOperations) {
    std::mt19937 rng(20261128);
    constexpr std::size_t clocks = 6;
    for (std::size_t range : {10u, 70u, 600u, 5000u}) {
        std::vector<vector_clock> c(clocks);
        std::vector<dense> d(clocks);
        std::uniform_int_distribution<std::size_t> pick(0, clocks - 1), id(0, range - 1);
        for (int step = 0; step < 4000; ++step) {
            const std::size_t a = pick(rng), b = pick(rng), g = id(rng);
            auto grow = [&](dense& x, std::size_t n) {
                if (x.size() < n) x.resize(n, 0);
            };
            switch (rng() % 5) {
                case 0: {
                    const auto v = static_cast<std::uint32_t>(rng() % 50);
                    c[a].set(g, v);
                    grow(d[a], g + 1);
                    d[a][g] = v;
                    break;
                }
                case 1:
                    c[a].tick(g);
                    grow(d[a], g + 1);
                    ++d[a][g];
                    break;
                case 2:
                    c[a].join(c[b]);
                    grow(d[a], d[b].size());
                    for (std::size_t k = 0; k < d[b].size(); ++k) d[a][k] = std::max(d[a][k], d[b][k]);
                    break;
                case 3:
                    c[a] = c[b];
                    d[a] = d[b];
                    break;
                default:
                    if (rng() % 20 == 0) {
                        c[a].clear();
                        d[a].clear();
                    } else {
                        vector_clock moved = std::move(c[a]);
                        c[a] = moved;
                    }
                    break;
            }
            for (std::size_t x = 0; x < clocks; ++x)
                EXPECT_EQ(c[a].leq(c[x]), dense_leq(d[a], d[x])) << "range " << range << " step " << step;
        }
        for (std::size_t x = 0; x < clocks; ++x) expect_equal(c[x], d[x], range + 20);
    }
}

// What the search does at every hand-off of a coordinator with N callers:
// copy the coordinator's clock and change one counter. Stored whole that is
// N x N counters; shared, each copy adds one path of nodes.
TEST(VectorClock, CopiesShareAllButThePathTheyChange) {
    const std::size_t before = vector_clock::live_nodes();
    {
        constexpr std::uint32_t n = 4096;
        std::vector<vector_clock> history;
        vector_clock coordinator;
        for (std::uint32_t g = 1; g <= n; ++g) {
            vector_clock caller;
            caller.set(0, 1);
            caller.set(g, 1);
            coordinator.join(caller);
            history.push_back(coordinator);
        }
        for (std::uint32_t g = 1; g <= n; g += 97) {
            EXPECT_EQ(history[g - 1].get(g), 1u);
            EXPECT_EQ(history[g - 1].get(g + 1), 0u);
        }
        EXPECT_EQ(coordinator.get(n), 1u);
        // Four levels (16^3 < 4097): at most four new nodes per hand-off.
        EXPECT_LE(vector_clock::live_nodes() - before, std::size_t{4} * n + 8);
    }
    EXPECT_EQ(vector_clock::live_nodes(), before);
}

}  // namespace
}  // namespace chancheck::explore_detail
