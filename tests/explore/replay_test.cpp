// Every counterexample replays: whichever strategy found it, its schedule,
// replayed in a run of its own, ends in the same failure with the same
// message. The programs fail only in executions after the first, in which
// goroutines and timers were started in another order than the search first
// met them: the case in which a search's goroutine numbers are not the ones
// a fresh run gives.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>
#include <chancheck/patterns/shared_channels.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "../../models/request_response.hpp"

namespace chancheck {
namespace {

using S = explore;
using namespace std::chrono_literals;

// Spawners "a" and "b" take turns on a mutex, and each starts a child (with
// a timer, if `timers`) while it holds it: the children are started in the
// order the spawners got the mutex. `bug` runs when "b" got it first.
void spawn_order(const std::function<void()>& bug, bool timers = true) {
    mutex<S> mu;
    wait_group<S> wg;
    auto order = make_chan<std::string, S>(2, "order");
    wg.add(4);
    for (std::string name : {"a", "b"})
        go<S>("spawner " + name, [&mu, &wg, order, name, timers] {
            mu.lock();
            order.send(name);
            go<S>("child of " + name, [&wg, timers] {
                if (timers) after<S>(1ms).recv();
                wg.done();
            });
            mu.unlock();
            wg.done();
        });
    wg.wait();
    if (order.recv().value == "b") bug();
}

void deadlock() { make_chan<int, S>(0, "nobody").recv(); }
void leak() {
    auto c = make_chan<int, S>(0, "result");
    go<S>("worker", [c] { c.send(1); });
}
void panics() {
    auto c = make_chan<int, S>(0);
    c.close();
    c.close();
}
void assertion() { expect<S>(false, "order", "spawner b went first"); }
void race() {
    auto x = std::make_shared<shared<int, S>>();
    wait_group<S> wg;
    wg.add(2);
    for (int i = 0; i < 2; ++i)
        go<S>("writer", [x, &wg, i] {
            x->write() = i;
            wg.done();
        });
    wg.wait();
}
void livelock() {
    auto ping = make_chan<int, S>(0, "ping"), pong = make_chan<int, S>(0, "pong");
    go<S>("ponger", [ping, pong] {
        for (;;) pong.send(ping.recv().value);
    });
    for (;;) {
        ping.send(1);
        pong.recv();
    }
}

// Interchangeable requesters that give up waiting, each with its own timer:
// the coordinator is left blocked (shared_channels.hpp).
void giving_up() {
    patterns::shared_channels<S, identity, identity> p(0, 0);
    models::request_response<S>(p, 2, 1, [](const auto& pat, identity id) -> std::optional<identity> {
        return pat.call_within(id, 1ms);
    });
}

struct program {
    std::string name;
    std::function<void()> main;
    std::string kind;  // the failure the exhaustive search must find
};

std::vector<program> programs() {
    return {
        {"deadlock", [] { spawn_order(deadlock); }, "deadlock"},
        {"leak", [] { spawn_order(leak); }, "leak"},
        {"panic", [] { spawn_order(panics); }, "panic"},
        {"assertion", [] { spawn_order(assertion); }, "assertion"},
        {"race", [] { spawn_order(race); }, "race"},
        {"step-limit", [] { spawn_order(livelock); }, "step-limit"},
        {"no timers", [] { spawn_order(assertion, false); }, "assertion"},
        {"giving up", giving_up, "deadlock"},
    };
}

constexpr std::size_t max_steps = 120;

explore_options options(const std::string& strategy) {
    explore_options o;
    o.max_steps = max_steps;
    o.strategy.name = strategy;
    o.strategy.iterations = 200;
    return o;
}

// Replays r's counterexample in a run of its own: true when it ends the same.
::testing::AssertionResult replays(const std::function<void()>& main, const check_result& r) {
    explore_options o;
    o.max_steps = max_steps;
    o.strategy.name = "replay";
    o.strategy.schedule = parse_schedule(r.cx->schedule);
    const check_result again = run_explorer(main, o);
    if (!again.cx) {
        std::string cuts;
        for (const auto& c : again.cuts) cuts += " [" + c + "]";
        return ::testing::AssertionFailure() << "no counterexample on replay of " << r.cx->schedule << ":" << cuts;
    }
    if (again.cx->kind != r.cx->kind || again.cx->message != r.cx->message)
        return ::testing::AssertionFailure() << "replay ended in " << again.cx->kind << " \"" << again.cx->message
                                             << "\", the search in " << r.cx->kind << " \"" << r.cx->message << "\"";
    if (again.cx->schedule != r.cx->schedule)
        return ::testing::AssertionFailure() << "replay took " << again.cx->schedule << " for " << r.cx->schedule;
    // The same keys can name other goroutines' steps: the same steps were taken only if the same
    // goroutines did the same things.
    auto step = [](const trace_event& t) { return t.goroutine + ": " + t.op + " " + t.object + " " + t.value; };
    const auto& was = r.cx->trace;
    const auto& now = again.cx->trace;
    for (std::size_t i = 0; i < std::max(was.size(), now.size()); ++i)
        if (i >= was.size() || i >= now.size() || step(was[i]) != step(now[i]))
            return ::testing::AssertionFailure() << "replay's event " << i << " is "
                                                 << (i < now.size() ? step(now[i]) : "missing") << ", the search's "
                                                 << (i < was.size() ? step(was[i]) : "missing");
    return ::testing::AssertionSuccess();
}

// Runs every program under `o`; returns how many ended in a counterexample,
// each of which must replay.
int check_all_replay(const explore_options& o, const std::string& label, bool must_find) {
    int found = 0;
    for (const program& p : programs()) {
        const check_result r = run_explorer(p.main, o);
        if (must_find) {
            EXPECT_TRUE(r.cx && r.cx->kind == p.kind) << label << ", " << p.name;
        }
        if (!r.cx) continue;
        ++found;
        EXPECT_TRUE(replays(p.main, r)) << label << ", " << p.name;
    }
    return found;
}

TEST(ReplayAfresh, ExhaustiveWithAndWithoutReduction) {
    explore_options o = options("exhaustive");
    check_all_replay(o, "reduced", true);
    o.strategy.reduction = false;
    check_all_replay(o, "unreduced", true);
}

TEST(ReplayAfresh, ExhaustiveWithSymmetry) {
    explore_options o = options("exhaustive");
    o.strategy.symmetry = true;
    check_all_replay(o, "symmetry", true);
}

TEST(ReplayAfresh, ExhaustiveOnTwoThreads) {
    explore_options o = options("exhaustive");
    o.jobs = 2;
    // At most the one-thread trial's size: the split search starts at once.
    o.max_executions = 1000;
    check_all_replay(o, "--jobs 2", true);
}

TEST(ReplayAfresh, Bounded) {
    explore_options o = options("bounded");
    EXPECT_GT(check_all_replay(o, "bounded", false), 0);
    o.strategy.minimize = true;
    EXPECT_GT(check_all_replay(o, "bounded --minimize", false), 0);
}

TEST(ReplayAfresh, RandomAndPctOverManySeeds) {
    for (const char* strategy : {"random", "pct"}) {
        int found = 0;
        for (std::uint64_t seed = 1; seed <= 30; ++seed) {
            explore_options o = options(strategy);
            o.strategy.seed = seed;
            found += check_all_replay(o, std::string(strategy) + " seed " + std::to_string(seed), false);
        }
        EXPECT_GT(found, 30) << strategy;
    }
}

}  // namespace
}  // namespace chancheck
