// Goroutines: an unrecovered panic in any goroutine ends the program, a
// recovered one does not; deadlock only when every goroutine is blocked;
// main's return ends the program; go evaluates its arguments at once.
// The CONFORMANCE_CASEs run on threads and the explorer, each with a Go twin
// (go/twins/goroutine.go); the TESTs check, on threads only, what
// threads::run reports (failures' fields, daemons, stall reports, seeds) and
// where the goroutines of a failed run stop.
#include "outcomes.hpp"
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

namespace conformance {
namespace {

using namespace std::chrono_literals;

const S::goroutine_report* find(const S::run_result& r, std::string_view name) {
    auto it = std::find_if(r.alive.begin(), r.alive.end(), [&](const auto& g) { return g.name == name; });
    return it == r.alive.end() ? nullptr : &*it;
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// Panics with "close of closed channel".
template <class B>
void close_twice() {
    auto c = cc::make_chan<int, B>(0, "c");
    c.close();
    c.close();
}

CONFORMANCE_CASE(panic_while_main_blocks, {.name = "goroutine.panic_ends_the_program_while_main_is_blocked", .rule = "Run-time panics: an unrecovered panic in a goroutine ends the program, even with main blocked (no deadlock)", .allowed = {"panic: close of closed channel"}}) {
    auto never = cc::make_chan<int, S>(0, "never");
    cc::go<S>("panicker", close_twice<S>);
    never.recv();
    out.print("unreachable");
}

CONFORMANCE_CASE(nested_panic, {.name = "goroutine.panic_in_a_nested_goroutine_ends_the_program", .rule = "Run-time panics: a panic in a goroutine started by another goroutine ends the program too", .allowed = {"panic: close of closed channel"}}) {
    auto never = cc::make_chan<int, S>(0, "never");
    cc::go<S>("parent", [] { cc::go<S>("child", close_twice<S>); });
    never.recv();
}

CONFORMANCE_CASE(recovered_panic, {.name = "goroutine.recovered_panic_does_not_end_the_program", .rule = "Handling panics: a goroutine that recovers its panic goes on, and so does the program", .allowed = {"main goes on; g: recovered close of closed channel / ok"}}) {
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("g", [&out, done] {
        try {
            close_twice<S>();
        } catch (const cc::panic& p) {
            out.in("g").print("recovered ", p.what());
        }
        done.send(0);
    });
    done.recv();
    out.print("main goes on");
}

CONFORMANCE_CASE(main_cannot_recover, {.name = "goroutine.main_cannot_recover_a_goroutines_panic", .rule = "Handling panics: recover stops only its own goroutine's panic; another goroutine's ends the program", .allowed = {"panic: close of closed channel"}}) {
    auto never = cc::make_chan<int, S>(0, "never");
    cc::go<S>("panicker", close_twice<S>);
    try {
        never.recv();
    } catch (const cc::panic& p) {
        out.print("recovered ", p.what());
    }
}

// Main goes on until the panic ends the program: it may have sent and
// printed any number of times by then.
CONFORMANCE_CASE(panic_stops_others, {.name = "goroutine.panic_stops_every_other_goroutine", .rule = "Run-time panics: the program ends at the panic; the other goroutines run no further", .allowed = {"panic: close of closed channel", "1 / panic: close of closed channel", "1 2 / panic: close of closed channel", "1 2 3 / panic: close of closed channel"}, .explore_known_failing = "by design: a failure that ends an execution counts, for the reduction, as independent of the steps it cuts off, so the reduced search promises the panic, not every point it can strike (bench/fuzz/README.md, masked outcomes); --no-reduction shows all four"}) {
    auto c = cc::make_chan<int, S>(3, "c");
    auto never = cc::make_chan<int, S>(0, "never");
    cc::go<S>("panicker", close_twice<S>);
    for (int i = 1; i <= 3; ++i) {
        c.send(i);
        out.print(i);
    }
    never.recv();
}

CONFORMANCE_CASE(all_blocked, {.name = "goroutine.deadlock_when_every_goroutine_is_blocked", .rule = "Go runtime: with main and every other goroutine blocked for ever the program dies of deadlock", .allowed = {"deadlock"}, .blocks = true}) {
    auto a = cc::make_chan<int, S>(0, "a");
    auto b = cc::make_chan<int, S>(0, "b");
    cc::go<S>("g", [a, b] {
        a.recv();
        b.send(0);
    });
    b.recv();
    a.send(0);
}

CONFORMANCE_CASE(wait_group_deadlock, {.name = "goroutine.deadlock_with_main_in_wait_group_wait", .rule = "Go runtime: main waiting on a WaitGroup whose worker is blocked for ever is a deadlock", .allowed = {"deadlock"}, .blocks = true}) {
    auto never = cc::make_chan<int, S>(0, "never");
    cc::wait_group<S> wg;
    wg.add(1);
    cc::go<S>("worker", [&wg, never] {
        never.recv();
        wg.done();
    });
    wg.wait();
}

// A Go program does not wait for its goroutines: the blocked one is no
// deadlock and no failure. (Here it is a daemon: chancheck's main is a test
// function otherwise, which waits for the others.)
CONFORMANCE_CASE(main_return_ends, {.name = "goroutine.main_returning_ends_the_program", .rule = "Program execution: the program exits when main returns, without waiting for other goroutines", .allowed = {"main returns / ok"}}) {
    auto never = cc::make_chan<int, S>(0, "never");
    cc::go<S>("blocked", [&out, never] {
        never.recv();
        out.in("blocked").print("woke");
    }, {.daemon = true});
    out.print("main returns");
}

CONFORMANCE_CASE(run_concurrently, {.name = "goroutine.goroutines_run_concurrently", .rule = "Go statements: the goroutine runs concurrently with its starter, so each may wait for the other in turn", .allowed = {"3 false / ok"}}) {
    auto ping = cc::make_chan<int, S>(0, "ping");
    auto pong = cc::make_chan<int, S>(0, "pong");
    cc::go<S>("ponger", [ping, pong] {
        for (int v : ping) pong.send(v + 1);
        pong.close();
    });
    int v = 0;
    for (int i = 0; i < 3; ++i) {
        ping.send(v);
        v = pong.recv().value;
    }
    ping.close();
    out.print(v, " ", pong.recv().ok);
}

CONFORMANCE_CASE(go_arguments, {.name = "goroutine.arguments_evaluated_at_the_go_statement", .rule = "Go statements: the function value and parameters are evaluated in the calling goroutine, at the go statement", .allowed = {"1 2 / ok"}}) {
    int i = 1;
    auto c = cc::make_chan<int, S>(1, "c");
    cc::go<S>("g", [i, c] { c.send(i); });  // go f(i)
    i = 2;
    out.print(c.recv().value, " ", i);
}

// Every interleaving of two goroutines' sends that keeps each one's order.
CONFORMANCE_CASE(two_interleave, {.name = "goroutine.two_goroutines_interleave_in_any_order", .rule = "Go statements: goroutines interleave in any order; each keeps its own program order", .allowed = {"a1 a2 b1 b2 / ok", "a1 b1 a2 b2 / ok", "a1 b1 b2 a2 / ok", "b1 a1 a2 b2 / ok", "b1 a1 b2 a2 / ok", "b1 b2 a1 a2 / ok"}}) {
    auto c = cc::make_chan<std::string, S>(4, "c");
    for (std::string name : {"a", "b"})
        cc::go<S>(name, [c, name] {
            c.send(name + "1");
            c.send(name + "2");
        });
    for (int i = 0; i < 4; ++i) out.print(c.recv().value);
}

CONFORMANCE_CASE(every_goroutine_runs, {.name = "goroutine.every_started_goroutine_runs", .rule = "Go statements: every goroutine started runs its function", .allowed = {"14 / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    for (int i = 1; i <= 3; ++i) cc::go<S>("g" + std::to_string(i), [c, i] { c.send(i * i); });
    int sum = 0;
    for (int i = 0; i < 3; ++i) sum += c.recv().value;
    out.print(sum);
}

// Tells, from its destructor, that the goroutine owning it has ended
// (returned or stopped), so a test can wait for that without a timeout.
struct exit_signal {
    std::shared_ptr<std::promise<void>> promise;
    ~exit_signal() { promise->set_value(); }
};

TEST(Goroutine, ExceptionReachesTheSpawner) {
    auto r = S::run([] {
        cc::go<S>("worker", [] { throw std::runtime_error("boom"); });
    });
    ASSERT_EQ(r.how, outcome::failed) << r.describe();
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0].goroutine(), "worker");
    EXPECT_EQ(r.failures[0].message(), "boom");
    EXPECT_FALSE(r.failures[0].is_panic());
    EXPECT_EQ(std::string(r.failures[0].what()), "goroutine \"worker\": boom");
    EXPECT_FALSE(r.ok());
}

TEST(Goroutine, PanicReachesTheSpawnerAsAPanic) {
    auto r = S::run([] {
        cc::go<S>("closer", close_twice<S>);
    });
    ASSERT_EQ(r.how, outcome::failed) << r.describe();
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0].goroutine(), "closer");
    EXPECT_TRUE(r.failures[0].is_panic());
    EXPECT_EQ(std::string(r.failures[0].what()), "goroutine \"closer\": panic: close of closed channel");
}

TEST(Goroutine, FailureEndsTheRunWhileOthersAreStillBlocked) {
    auto r = S::run([] {
        auto never = cc::make_chan<int, S>(0, "never");
        cc::go<S>("failing", [] { throw std::logic_error("bad state"); });
        never.recv();  // main would wait for ever; the failure ends the program
    });
    ASSERT_EQ(r.how, outcome::failed) << r.describe();
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0].goroutine(), "failing");
    EXPECT_EQ(r.failures[0].message(), "bad state");
}

// In Go an unrecovered panic ends the process: no other goroutine runs on.
// Here each stops at its next operation; this one, parked when the run
// ended (or not there yet), is woken later and must not send.
TEST(Goroutine, PanicStopsTheOtherGoroutinesAtTheirNextOperation) {
    auto wake = cc::make_chan<int, S>(1, "wake");
    auto reached = cc::make_chan<int, S>(1, "reached");
    auto mu = std::make_shared<cc::mutex<S>>();
    auto exited = std::make_shared<std::promise<void>>();
    auto r = S::run([=] {
        exit_signal on_exit{exited};
        std::lock_guard hold(*mu);  // unlocked while the goroutine unwinds, which must not throw again
        cc::go<S>("panicker", close_twice<S>);
        wake.recv();
        reached.send(1);
    });
    ASSERT_EQ(r.how, outcome::failed) << r.describe();
    ASSERT_EQ(r.failures.size(), 1u) << r.describe();
    EXPECT_EQ(std::string(r.failures[0].what()), "goroutine \"panicker\": panic: close of closed channel");

    wake.send(0);
    exited->get_future().wait();
    EXPECT_EQ(reached.len(), 0u);
    auto relock = S::run([mu] { std::lock_guard again(*mu); }, stall_fast());
    EXPECT_EQ(relock.how, outcome::completed) << relock.describe();
}

// A Cond.Wait that the end of its run finds parked still relocks the mutex
// when woken, before its goroutine stops: the guard that unlocks it on the
// way out must find it held.
TEST(Goroutine, PanicStopsACondWaiterWithItsMutexHeld) {
    auto mu = std::make_shared<cc::mutex<S>>();
    auto cv = std::make_shared<cc::cond<S>>(*mu);
    auto reached = cc::make_chan<int, S>(1, "reached");
    auto exited = std::make_shared<std::promise<void>>();
    auto r = S::run([=] {
        exit_signal on_exit{exited};
        std::lock_guard hold(*mu);
        // It gets the mutex only once main waits, so main is queued on cv
        // before the panic.
        cc::go<S>("panicker", [mu] {
            std::lock_guard also(*mu);
            close_twice<S>();
        });
        cv->wait();
        reached.send(1);
    });
    ASSERT_EQ(r.how, outcome::failed) << r.describe();

    cv->signal();
    exited->get_future().wait();
    EXPECT_EQ(reached.len(), 0u);
    auto relock = S::run([mu] { std::lock_guard again(*mu); }, stall_fast());
    EXPECT_EQ(relock.how, outcome::completed) << relock.describe();
}

TEST(Goroutine, PanicEndsTheSleepOfAnotherGoroutine) {
    auto woke = std::make_shared<std::atomic<bool>>(false);
    auto exited = std::make_shared<std::promise<void>>();
    auto r = S::run([=] {
        exit_signal on_exit{exited};
        cc::go<S>("panicker", close_twice<S>);
        cc::sleep<S>(300ms);
        woke->store(true);
    });
    ASSERT_EQ(r.how, outcome::failed) << r.describe();
    exited->get_future().wait();
    EXPECT_FALSE(woke->load());
}

TEST(Goroutine, FailureOfANestedGoroutineNamesIt) {
    auto r = S::run([] {
        cc::go<S>("parent", [] {
            cc::go<S>("child", [] { throw std::runtime_error("deep"); });
        });
    });
    ASSERT_EQ(r.how, outcome::failed) << r.describe();
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0].goroutine(), "child");
}

TEST(Goroutine, ExceptionInMainFailsTheRun) {
    auto r = S::run([] { throw std::runtime_error("main broke"); });
    ASSERT_EQ(r.how, outcome::failed) << r.describe();
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0].goroutine(), "main");
    EXPECT_EQ(r.failures[0].message(), "main broke");
}

TEST(Goroutine, RunWaitsForEveryNonDaemonGoroutine) {
    bool late_done = false;
    auto r = S::run([&] {
        cc::go<S>("late", [&] {
            cc::sleep<S>(50ms);
            late_done = true;
        });
    });
    EXPECT_EQ(r.how, outcome::completed) << r.describe();
    EXPECT_TRUE(r.alive.empty());
    EXPECT_TRUE(late_done);
}

TEST(Goroutine, DaemonGoroutineMayOutliveMain) {
    auto r = S::run(
        [] {
            auto ticks = cc::make_chan<int, S>(0, "ticks");
            cc::go<S>("ticker", [ticks] { ticks.recv(); }, {.daemon = true});
        },
        stall_fast());
    EXPECT_EQ(r.how, outcome::completed) << r.describe();
    EXPECT_TRUE(r.ok());
    // Still alive when the program ended; it may or may not have blocked yet.
    ASSERT_EQ(r.alive.size(), 1u) << r.describe();
    EXPECT_EQ(r.alive[0].name, "ticker");
    EXPECT_TRUE(r.alive[0].daemon);
}

TEST(Goroutine, StallReportNamesWhatEveryGoroutineWaitsOn) {
    auto r = S::run(
        [] {
            auto requests = cc::make_chan<int, S>(0, "requests");
            auto responses = cc::make_chan<int, S>(0, "responses");
            auto idle = cc::make_chan<int, S>(0, "idle");
            cc::wait_group<S> wg;
            wg.add(2);
            cc::go<S>("client", [requests] { requests.send(1); });
            cc::go<S>("server", [responses] { responses.recv(); });
            cc::go<S>("selector", [idle] { cc::select(cc::on_send(idle, 1), cc::on_recv(idle)); });
            wg.wait();
        },
        stall_fast());
    ASSERT_EQ(r.how, outcome::stalled) << r.describe();
    ASSERT_EQ(r.alive.size(), 4u) << r.describe();
    const auto* main = find(r, "main");
    const auto* client = find(r, "client");
    const auto* server = find(r, "server");
    const auto* selector = find(r, "selector");
    ASSERT_TRUE(main && client && server && selector) << r.describe();
    EXPECT_TRUE(main->blocked && client->blocked && server->blocked && selector->blocked) << r.describe();
    EXPECT_TRUE(starts_with(main->waiting_on, "wait on WaitGroup at ")) << main->waiting_on;
    EXPECT_TRUE(starts_with(client->waiting_on, "send to requests at ")) << client->waiting_on;
    EXPECT_TRUE(starts_with(server->waiting_on, "receive from responses at ")) << server->waiting_on;
    EXPECT_TRUE(starts_with(selector->waiting_on, "select on idle at ")) << selector->waiting_on;
    EXPECT_NE(r.describe().find("goroutine \"client\": blocked: send to requests at "), std::string::npos)
        << r.describe();
}

TEST(Goroutine, SeedMakesSelectChoicesRepeatable) {
    auto choices = [](std::uint64_t seed) {
        std::string picks;
        S::run_options o;
        o.seed = seed;
        auto r = S::run(
            [&] {
                auto a = cc::make_chan<int, S>(0), b = cc::make_chan<int, S>(0);
                a.close();
                b.close();
                for (int i = 0; i < 64; ++i) picks += cc::select(cc::on_recv(a), cc::on_recv(b)) == 0 ? 'a' : 'b';
            },
            o);
        EXPECT_EQ(r.how, outcome::completed);
        return picks;
    };
    EXPECT_EQ(choices(99), choices(99));
    EXPECT_NE(choices(99), choices(100));
}

}  // namespace
}  // namespace conformance
