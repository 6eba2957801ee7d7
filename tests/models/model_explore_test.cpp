// The bundled models under the explorer: the verdicts the design promises,
// for the correct configurations and for each broken one.
#include <chancheck/check_model.hpp>

#include <gtest/gtest.h>

namespace chancheck {
namespace {

check_result check(const char* name, std::vector<std::string> params, explore_options o = {}) {
    const model* m = registry::instance().find(name);
    if (!m) throw std::logic_error(std::string("model not registered: ") + name);
    return check_model(*m, m->spec().parse(params), o);
}

TEST(ModelsExplored, SharedChannelsProvedInExactlyNFactorialExecutions) {
    std::uint64_t factorial = 1;
    for (int n = 1; n <= 7; ++n) {
        factorial *= static_cast<std::uint64_t>(n);
        check_result r = check("shared-channels", {"requesters=" + std::to_string(n)});
        EXPECT_EQ(r.outcome, verdict::proved) << n;
        EXPECT_EQ(r.stats.executions, factorial) << n;
        EXPECT_TRUE(r.cuts.empty());
    }
}

// Split two ways, each shard gets about half of the n! executions. The
// units that hold the work alternate with units that start asleep, and
// dealing by plain unit number gave one shard 69% at 6 requesters (and 94%
// at 9).
TEST(ModelsExplored, TwoShardsOfSharedChannelsGetEvenShares) {
    for (int n : {5, 6, 7}) {
        std::uint64_t runs[2] = {};
        for (std::uint64_t i = 0; i < 2; ++i) {
            explore_options o;
            o.shard_index = i;
            o.shard_count = 2;
            runs[i] = check("shared-channels", {"requesters=" + std::to_string(n)}, o).stats.executions;
        }
        const std::uint64_t total = runs[0] + runs[1];
        EXPECT_EQ(total, n == 5 ? 120u : n == 6 ? 720u : 5040u);
        for (std::uint64_t r : runs) {
            EXPECT_GE(r * 10, total * 4) << n << " requesters: " << runs[0] << " and " << runs[1];
            EXPECT_LE(r * 10, total * 6) << n << " requesters: " << runs[0] << " and " << runs[1];
        }
    }
}

// Every broken configuration gives its counterexample, and the schedule
// printed with it replays to the same failure.
void expect_broken(std::vector<std::string> params, const std::string& kind) {
    for (const char* n : {"requesters=2", "requesters=3"}) {
        std::vector<std::string> p = params;
        p.push_back(n);
        check_result r = check("shared-channels", p);
        ASSERT_EQ(r.outcome, verdict::counterexample) << params[0] << " " << n;
        EXPECT_EQ(r.cx->kind, kind);
        explore_options replay;
        replay.strategy.name = "replay";
        replay.strategy.schedule = parse_schedule(r.cx->schedule);
        check_result again = check("shared-channels", p, replay);
        ASSERT_TRUE(again.cx);
        EXPECT_EQ(again.cx->kind, kind);
        EXPECT_EQ(again.cx->message, r.cx->message);
    }
}

TEST(ModelsExplored, BufferedRequestsMisroute) { expect_broken({"request-capacity=1"}, "assertion"); }
TEST(ModelsExplored, BufferedResponsesMisroute) { expect_broken({"response-capacity=1"}, "assertion"); }
TEST(ModelsExplored, TwoCoordinatorsMisroute) { expect_broken({"coordinators=2"}, "assertion"); }
TEST(ModelsExplored, GivingUpDeadlocksTheCoordinator) { expect_broken({"give-up=true"}, "deadlock"); }

TEST(ModelsExplored, ReplyChannelProvedForEverySmallConfiguration) {
    for (int n = 1; n <= 4; ++n)
        for (int c = 1; c <= 2; ++c)
            for (int cap = 0; cap <= 2; ++cap) {
                check_result r = check("reply-channel", {"requesters=" + std::to_string(n), "coordinators=" + std::to_string(c),
                                                         "request-capacity=" + std::to_string(cap)});
                EXPECT_EQ(r.outcome, verdict::proved) << n << " " << c << " " << cap;
            }
}

TEST(ModelsExplored, SessionCallbackAndRouteTableProvedAtTheirDefaults) {
    EXPECT_EQ(check("session-callback", {}).outcome, verdict::proved);
    EXPECT_EQ(check("route-table", {}).outcome, verdict::proved);
}

TEST(ModelsExplored, RacyRouteTableReadIsARaceNamingBothAccesses) {
    check_result r = check("route-table", {"racy-read=true"});
    ASSERT_EQ(r.outcome, verdict::counterexample);
    EXPECT_EQ(r.cx->kind, "race");
    EXPECT_NE(r.cx->message.find("\"owner\""), std::string::npos) << r.cx->message;
    EXPECT_NE(r.cx->message.find("\"metrics 0\""), std::string::npos) << r.cx->message;
}

TEST(ModelsExplored, SeedDemoProvedAtFourRoutines) {
    check_result r = check("seed-demo", {"routines=4"});
    EXPECT_EQ(r.outcome, verdict::proved);
    // 4! orders of service, times whether the daemon coordinator's receive
    // from the closed request channel happens before main returns or not.
    EXPECT_EQ(r.stats.executions, 48u);
}

TEST(ModelsExplored, LimitsMakeTheVerdictBoundedNeverProved) {
    explore_options o;
    o.max_executions = 10;
    check_result r = check("shared-channels", {"requesters=5"}, o);
    EXPECT_EQ(r.outcome, verdict::bounded);
    ASSERT_FALSE(r.cuts.empty());
    EXPECT_NE(r.cuts[0].find("max executions"), std::string::npos);
}

TEST(ModelsExplored, OtherStrategiesFindTheBrokenConfigurations) {
    for (const char* strategy : {"bounded", "random", "pct"}) {
        explore_options o;
        o.strategy.name = strategy;
        o.strategy.iterations = 2000;
        check_result r = check("shared-channels", {"response-capacity=1", "requesters=3"}, o);
        EXPECT_EQ(r.outcome, verdict::counterexample) << strategy;
    }
    explore_options o;
    o.strategy.name = "random";
    o.strategy.iterations = 50;
    EXPECT_EQ(check("shared-channels", {}, o).outcome, verdict::bounded);
}

TEST(ModelsExplored, MinimizedBoundedSearchNeedsNoPreemptionForBufferedResponses) {
    explore_options o;
    o.strategy.name = "bounded";
    o.strategy.minimize = true;
    o.strategy.preemption_bound = 3;
    check_result r = check("shared-channels", {"response-capacity=1", "requesters=2"}, o);
    ASSERT_EQ(r.outcome, verdict::counterexample);
}

TEST(ModelsExplored, EstimateOfSharedChannelsIsWithinThreeTimesTheTruth) {
    const model* m = registry::instance().find("shared-channels");
    search_estimate e = estimate_model(*m, m->spec().parse({"requesters=7"}), {}, 1000);
    EXPECT_GE(e.executions, 5040.0 / 3);
    EXPECT_LE(e.executions, 5040.0 * 3);
}

// --- symmetry ----------------------------------------------------------------

explore_options with_symmetry() {
    explore_options o;
    o.strategy.symmetry = true;
    return o;
}

TEST(ModelsExplored, SymmetryProvesSharedChannelsInOneExecutionPerSize) {
    for (int n : {1, 2, 8, 200}) {
        check_result r = check("shared-channels", {"requesters=" + std::to_string(n)}, with_symmetry());
        EXPECT_EQ(r.outcome, verdict::proved) << n;
        EXPECT_LE(r.stats.executions, 8u) << n;
        EXPECT_TRUE(r.cuts.empty());
    }
}

// Symmetry never turns a counterexample into a proof, nor the other way
// round: every model's --all configurations and every broken configuration
// of shared-channels at 2 and 3 requesters get the same verdict, and the
// same kind of counterexample, with and without it.
TEST(ModelsExplored, SymmetryKeepsEveryVerdict) {
    std::vector<std::pair<std::string, std::vector<std::string>>> configs;
    for (const model* m : registry::instance().all()) {
        if (m->spec().check_all.empty()) configs.push_back({m->name(), {}});
        for (const expected_check& c : m->spec().check_all) configs.push_back({m->name(), c.params});
    }
    for (const char* broken : {"request-capacity=1", "response-capacity=1", "coordinators=2", "give-up=true"})
        for (const char* n : {"requesters=2", "requesters=3"}) configs.push_back({"shared-channels", {broken, n}});
    for (const auto& [name, params] : configs) {
        std::string label = name;
        for (const auto& p : params) label += " " + p;
        check_result plain = check(name.c_str(), params);
        check_result sym = check(name.c_str(), params, with_symmetry());
        EXPECT_EQ(sym.outcome, plain.outcome) << label;
        EXPECT_EQ(sym.cx.has_value(), plain.cx.has_value()) << label;
        if (sym.cx && plain.cx) {
            EXPECT_EQ(sym.cx->kind, plain.cx->kind) << label;
        }
        EXPECT_LE(sym.stats.executions, plain.stats.executions) << label;
    }
}

}  // namespace
}  // namespace chancheck
