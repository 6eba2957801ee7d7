// Goroutines and threads::run: failures reach the spawner and end the program, run waits for non-daemons, stall reports name every goroutine.
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

void close_twice() {
    auto c = cc::make_chan<int, S>(0, "c");
    c.close();
    c.close();
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
        cc::go<S>("closer", [] {
            auto c = cc::make_chan<int, S>(0, "c");
            c.close();
            c.close();
        });
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
        cc::go<S>("panicker", close_twice);
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
            close_twice();
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
        cc::go<S>("panicker", close_twice);
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

TEST(Goroutine, GoroutinesRunConcurrently) {
    // Each goroutine waits for the other: only concurrent goroutines finish.
    bool done = false;
    auto r = S::run([&] {
        auto ping = cc::make_chan<int, S>(0, "ping");
        auto pong = cc::make_chan<int, S>(0, "pong");
        cc::go<S>("ponger", [ping, pong] {
            for (int v : ping) pong.send(v + 1);
            pong.close();
        });
        int v = 0;
        for (int i = 0; i < 1000; ++i) {
            ping.send(v);
            v = pong.recv().value;
        }
        ping.close();
        done = v == 1000 && !pong.recv().ok;
    });
    EXPECT_EQ(r.how, outcome::completed) << r.describe();
    EXPECT_TRUE(done);
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
