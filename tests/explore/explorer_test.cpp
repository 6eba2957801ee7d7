// The explorer against programs whose number of executions is known by
// hand, every counterexample kind, replay, and a cross-check of the
// reduction: the unreduced search's interleavings, grouped into trace
// classes, are exactly the executions the reduced search runs.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>
#include <chancheck/patterns/shared_channels.hpp>

#include <gtest/gtest.h>

#include <array>
#include <csignal>
#include <map>
#include <set>

#include "../../models/request_response.hpp"

namespace chancheck {
namespace {

using S = explore;
using explore_detail::event;

check_result check(const std::function<void()>& program, bool reduction = true, std::size_t max_steps = 10'000,
                   explore_detail::main_mode mode = explore_detail::main_mode::test) {
    explore_options o;
    o.strategy.reduction = reduction;
    o.max_steps = max_steps;
    o.mode = mode;
    return run_explorer(program, o);
}

check_result check_program(const std::function<void()>& program, bool reduction = true) {
    return check(program, reduction, 10'000, explore_detail::main_mode::program);
}

void shared_channels(int n, long request_cap = 0, long response_cap = 0, int coordinators = 1) {
    patterns::shared_channels<S, identity, identity> p(request_cap, response_cap);
    models::request_response<S>(p, n, coordinators,
                                [](const auto& pat, identity id) -> std::optional<identity> { return pat.call(id); });
}

// --- counts known by hand ----------------------------------------------------

TEST(ExplorerCounts, TwoIndependentGoroutinesAndMainsReturn) {
    // main: go a; go b; return. a and b each sleep once. As a test function
    // main's return ends nothing: the orders of go a, go b and the two
    // sleeps are 3 interleavings of 1 trace. As a program's main, its exit
    // ends the program: 7 interleavings (which of a and b ran before it,
    // and in what order), 4 traces.
    auto program = [] {
        go<S>("a", [] { sleep<S>(std::chrono::seconds(1)); });
        go<S>("b", [] { sleep<S>(std::chrono::seconds(1)); });
    };
    EXPECT_EQ(check(program, false).stats.executions, 3u);
    check_result reduced = check(program);
    EXPECT_EQ(reduced.outcome, verdict::proved);
    EXPECT_EQ(reduced.stats.executions, 1u);
    check_result plain = check_program(program, false);
    EXPECT_EQ(plain.outcome, verdict::proved);
    EXPECT_EQ(plain.stats.executions, 7u);
    EXPECT_EQ(check_program(program).stats.executions, 4u);
}

TEST(ExplorerCounts, TimersNobodyReadsAddNoTraces) {
    // main starts three timers and returns. Each timer may fire before the
    // process exits or not: 1 + 3 + 3*2 + 3*2*1 = 16 interleavings. No step
    // reads a timer's channel, so whether and when they fired makes no
    // difference anyone could see: one trace. The same as a test function
    // or a program's main, since nothing else is left to finish.
    auto program = [] {
        for (int i = 0; i < 3; ++i) after<S>(std::chrono::milliseconds(1));
    };
    for (auto mode : {explore_detail::main_mode::test, explore_detail::main_mode::program}) {
        EXPECT_EQ(check(program, false, 10'000, mode).stats.executions, 16u);
        check_result reduced = check(program, true, 10'000, mode);
        EXPECT_EQ(reduced.outcome, verdict::proved);
        EXPECT_EQ(reduced.stats.executions, 1u);
    }
}

TEST(ExplorerCounts, IndependentChannelsGiveOneTrace) {
    check_result r = check([] {
        auto a = make_chan<int, S>(1), b = make_chan<int, S>(1);
        go<S>("a", [a] { a.send(1); });
        go<S>("b", [b] { b.send(2); });
        a.recv();
        b.recv();
    });
    EXPECT_EQ(r.outcome, verdict::proved);
    EXPECT_EQ(r.stats.executions, 1u);
}

TEST(ExplorerCounts, SendersRacingToOneReceiver) {
    for (int senders : {2, 3}) {
        check_result r = check([senders] {
            auto c = make_chan<int, S>(0, "c");
            for (int i = 0; i < senders; ++i) go<S>("sender", [c, i] { c.send(i); });
            for (int i = 0; i < senders; ++i) c.recv();
        });
        EXPECT_EQ(r.outcome, verdict::proved);
        EXPECT_EQ(r.stats.executions, senders == 2 ? 2u : 6u);
    }
}

TEST(ExplorerCounts, SelectWithTwoReadyCasesHasTwoBranches) {
    for (bool reduction : {true, false}) {
        check_result r = check(
            [] {
                auto a = make_chan<int, S>(1), b = make_chan<int, S>(1);
                a.send(1);
                b.send(2);
                select(on_recv(a), on_recv(b));
            },
            reduction);
        EXPECT_EQ(r.stats.executions, 2u);
    }
}

TEST(ExplorerCounts, BufferedChannelOrdersOnlyTheSends) {
    // Two senders into a channel of capacity 2, one receiver: what it
    // receives depends only on the order of the two sends.
    check_result r = check([] {
        auto c = make_chan<int, S>(2);
        go<S>("s1", [c] { c.send(1); });
        go<S>("s2", [c] { c.send(2); });
        c.recv();
        c.recv();
    });
    EXPECT_EQ(r.outcome, verdict::proved);
    EXPECT_EQ(r.stats.executions, 2u);
}

TEST(ExplorerCounts, TwoLockersOfOneMutex) {
    check_result r = check([] {
        mutex<S> mu;
        wait_group<S> wg;
        wg.add(2);
        for (int i = 0; i < 2; ++i)
            go<S>("locker", [&] {
                mu.lock();
                mu.unlock();
                wg.done();
            });
        wg.wait();
    });
    EXPECT_EQ(r.outcome, verdict::proved);
    EXPECT_EQ(r.stats.executions, 2u);
}

TEST(ExplorerCounts, SharedChannelsIsNFactorial) {
    std::uint64_t factorial = 1;
    for (int n = 1; n <= 6; ++n) {
        factorial *= static_cast<std::uint64_t>(n);
        check_result r = check([n] { shared_channels(n); });
        EXPECT_EQ(r.outcome, verdict::proved) << n;
        EXPECT_EQ(r.stats.executions, factorial) << n;
        EXPECT_EQ(r.stats.abandoned, 0u) << n;
    }
}

// --- counterexamples ------------------------------------------------------------

void expect_kind(const check_result& r, const std::string& kind, const std::string& fragment) {
    ASSERT_EQ(r.outcome, verdict::counterexample);
    ASSERT_TRUE(r.cx);
    EXPECT_EQ(r.cx->kind, kind);
    EXPECT_NE(r.cx->message.find(fragment), std::string::npos) << r.cx->message;
}

TEST(ExplorerCounterexamples, Assertion) {
    expect_kind(check([] { shared_channels(2, 0, 1); }), "assertion", "requester 1 received the response to request 0");
}

TEST(ExplorerCounterexamples, ExceptionInModelCodeIsAnAssertion) {
    expect_kind(check([] { go<S>("thrower", [] { throw std::runtime_error("bad state"); }); }), "assertion",
                "bad state");
}

TEST(ExplorerCounterexamples, Deadlock) {
    check_result r = check([] { make_chan<int, S>(0, "nobody").recv(); });
    expect_kind(r, "deadlock", "deadlock");
    ASSERT_EQ(r.cx->blocked.size(), 1u);
    EXPECT_EQ(r.cx->blocked[0].waiting_on, "receive from nobody");
    EXPECT_EQ(r.cx->blocked[0].where.line, r.cx->where.line);
    EXPECT_NE(r.cx->where.file.find("explorer_test.cpp"), std::string::npos);
}

TEST(ExplorerCounterexamples, LeakWhenMainReturns) {
    expect_kind(check([] {
                    auto c = make_chan<int, S>(0, "result");
                    go<S>("worker", [c] { c.send(42); });
                }),
                "leak", "\"worker\" blocked for ever: send to result");
}

TEST(ExplorerCounterexamples, DaemonsDoNotLeak) {
    check_result r = check([] {
        auto c = make_chan<int, S>(0);
        go<S>("ticker", [c] { c.send(1); }, {.daemon = true});
    });
    EXPECT_EQ(r.outcome, verdict::proved);
}

TEST(ExplorerCounterexamples, Panics) {
    expect_kind(check([] {
                    auto c = make_chan<int, S>(0);
                    c.close();
                    c.close();
                }),
                "panic", "close of closed channel");
    expect_kind(check([] {
                    auto c = make_chan<int, S>(1);
                    auto closed = make_chan<int, S>(0);
                    go<S>("closer", [c, closed] {
                        c.close();
                        closed.close();
                    });
                    closed.recv();
                    c.send(1);
                }),
                "panic", "send on closed channel");
    expect_kind(check([] { wait_group<S>().done(); }), "panic", "sync: negative WaitGroup counter");
    expect_kind(check([] { mutex<S>().unlock(); }), "panic", "sync: unlock of unlocked mutex");
}

TEST(ExplorerCounterexamples, RaceNamesBothAccesses) {
    check_result r = check([] {
        auto x = std::make_shared<shared<int, S>>();
        wait_group<S> wg;
        wg.add(2);
        go<S>("writer a", [x, &wg] {
            x->write() = 1;
            wg.done();
        });
        go<S>("writer b", [x, &wg] {
            x->write() = 2;
            wg.done();
        });
        wg.wait();
    });
    expect_kind(r, "race", "data race");
    EXPECT_NE(r.cx->message.find("writer a"), std::string::npos);
    EXPECT_NE(r.cx->message.find("writer b"), std::string::npos);
}

TEST(ExplorerCounterexamples, DataHandedOverAChannelIsNotARace) {
    check_result r = check([] {
        auto x = std::make_shared<shared<int, S>>();
        auto c = make_chan<int, S>(0);
        go<S>("producer", [x, c] {
            x->write() = 1;
            c.send(0);
        });
        c.recv();
        EXPECT_EQ(x->read(), 1);
    });
    EXPECT_EQ(r.outcome, verdict::proved);
}

TEST(ExplorerCounterexamples, StepLimit) {
    check_result r = check(
        [] {
            auto ping = make_chan<int, S>(0), pong = make_chan<int, S>(0);
            go<S>("ponger", [ping, pong] {
                for (;;) pong.send(ping.recv().value);
            });
            for (;;) {
                ping.send(1);
                pong.recv();
            }
        },
        true, 200);
    expect_kind(r, "step-limit", "200 steps");
    EXPECT_NE(r.cx->message.find("it repeats every 2 steps: [ponger send"), std::string::npos) << r.cx->message;
}

TEST(ExplorerCounterexamplesDeathTest, ACrashInModelCodePrintsTheScheduleThatReachesIt) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(check([] {
                    auto c = make_chan<int*, S>(0);
                    go<S>("sender", [c] { c.send(nullptr); });
                    volatile int* p = c.recv().value;
                    *p = 1;
                }),
                testing::KilledBySignal(SIGSEGV), "the schedule up to the crash, for replay --schedule:\n0,1>0");
}

TEST(ExplorerCounterexamples, GiveUpDeadlocksTheCoordinator) {
    check_result r = check([] {
        patterns::shared_channels<S, identity, identity> p(0, 0);
        models::request_response<S>(p, 2, 1, [](const auto& pat, identity id) -> std::optional<identity> {
            return pat.call_within(id, std::chrono::milliseconds(1));
        });
    });
    expect_kind(r, "deadlock", "deadlock");
    // Found in the third execution. It was the seventh while every set of
    // timers that fired unread before main's exit was a trace of its own.
    EXPECT_EQ(r.stats.executions, 3u);
    bool coordinator_stuck = false;
    for (const auto& b : r.cx->blocked)
        coordinator_stuck |= b.goroutine == "coordinator 0" && b.waiting_on == "send to responses";
    EXPECT_TRUE(coordinator_stuck);
}

// --- replay ---------------------------------------------------------------------

TEST(ExplorerReplay, ACounterexampleReplaysExactly) {
    auto program = [] { shared_channels(3, 1, 0); };
    check_result found = check(program);
    ASSERT_TRUE(found.cx);
    explore_options o;
    o.strategy.name = "replay";
    o.strategy.schedule = parse_schedule(found.cx->schedule);
    check_result again = run_explorer(program, o);
    ASSERT_TRUE(again.cx);
    EXPECT_EQ(again.cx->kind, found.cx->kind);
    EXPECT_EQ(again.cx->message, found.cx->message);
    EXPECT_EQ(again.cx->schedule, found.cx->schedule);
    ASSERT_EQ(again.cx->trace.size(), found.cx->trace.size());
    for (std::size_t i = 0; i < found.cx->trace.size(); ++i) EXPECT_EQ(again.cx->trace[i].op, found.cx->trace[i].op);
}

TEST(ExplorerReplay, ADivergingReplaySaysWhere) {
    check_result found = check([] { shared_channels(2, 0, 1); });
    ASSERT_TRUE(found.cx);
    explore_options o;
    o.strategy.name = "replay";
    o.strategy.schedule = parse_schedule(found.cx->schedule);
    check_result other = run_explorer([] { shared_channels(2); }, o);  // the correct program
    EXPECT_EQ(other.outcome, verdict::bounded);
    bool said = false;
    for (const auto& c : other.cuts) said |= c.find("replay diverged at step") != std::string::npos;
    EXPECT_TRUE(said);
}

TEST(ExplorerReplay, MalformedSchedulesAreRejected) {
    EXPECT_THROW(parse_schedule("0,x"), std::invalid_argument);
    EXPECT_THROW(parse_schedule("1>"), std::invalid_argument);
    EXPECT_EQ(parse_schedule("0,2.1>3.0,4.d").size(), 3u);
}

// --- the reduction, cross-checked -------------------------------------------------

// A trace class, written as its lexicographically least linearisation: the
// order of two steps is kept where they are dependent or where the later
// one reads what the earlier one wrote (a buffered value, a close, a release).
// A timer that fired into its channel's buffer with no later step touching
// that channel is left out: whether it fired before main exited, or at all,
// no behaviour can tell, and the search does not tell those apart.
std::string trace_class(const std::vector<event>& steps) {
    const std::size_t n = steps.size();
    std::vector<std::vector<bool>> before(n, std::vector<bool>(n, false));
    std::map<int, std::vector<std::size_t>> sends;
    std::map<int, std::size_t> receives, closes;
    std::map<int, std::vector<std::size_t>> releases;
    for (std::size_t j = 0; j < n; ++j) {
        const event& e = steps[j];
        for (std::size_t i = 0; i < j; ++i)
            if (explore_detail::dependent(steps[i], e)) before[i][j] = true;
        if (e.channel >= 0 && e.h < 0) {
            if (e.via_close) before[closes.at(e.channel)][j] = true;
            else if (e.sends) sends[e.channel].push_back(j);
            else before[sends[e.channel][receives[e.channel]++]][j] = true;
        }
        if (e.kind == explore_detail::act::close) closes[e.objects[0]] = j;
        using explore_detail::act;
        if (e.kind == act::unlock || e.kind == act::wg_add) releases[e.objects[0]].push_back(j);
        if (e.kind == act::cond_wait) releases[e.objects[1]].push_back(j);
        if (e.kind == act::lock || e.kind == act::wg_wait)
            for (std::size_t r : releases[e.objects[0]]) before[r][j] = true;
    }
    std::vector<bool> used(n, false);
    std::size_t unseen = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (steps[k].kind != explore_detail::act::timer_fire || steps[k].h >= 0) continue;
        bool seen = false;
        for (std::size_t j = k + 1; j < n && !seen; ++j) seen = before[k][j];
        if (!seen) {
            used[k] = true;
            ++unseen;
        }
    }
    std::string out;
    for (std::size_t taken = unseen; taken < n; ++taken) {
        std::size_t best = n;
        for (std::size_t k = 0; k < n; ++k) {
            if (used[k]) continue;
            bool ready = true;
            for (std::size_t i = 0; i < n && ready; ++i)
                if (!used[i] && before[i][k]) ready = false;
            if (ready && (best == n || steps[k].key_text() < steps[best].key_text())) best = k;
        }
        used[best] = true;
        out += steps[best].key_text() + " ";
    }
    return out;
}

struct search_summary {
    std::multiset<std::string> classes;
    std::set<std::string> outcomes;
};

search_summary search_all(bool reduction, const std::function<void(std::string&)>& program) {
    search_summary s;
    auto strategy = explore_detail::make_dfs(reduction);
    explore_detail::identity_table ids;
    while (strategy->next_execution()) {
        std::string outcome;
        explore_detail::execution_result r;
        {
            explore_detail::execution ex({10'000, &ids}, *strategy);
            r = ex.run([&] { program(outcome); });
        }
        strategy->finished(r);
        EXPECT_EQ(r.failure, explore_detail::failure_kind::none) << r.message;
        if (r.abandoned) continue;
        s.classes.insert(trace_class(r.schedule));
        s.outcomes.insert(outcome);
    }
    return s;
}

void cross_check(const std::function<void(std::string&)>& program) {
    search_summary all = search_all(false, program);
    search_summary reduced = search_all(true, program);
    std::set<std::string> distinct(all.classes.begin(), all.classes.end());
    EXPECT_EQ(reduced.classes.size(), distinct.size()) << "one execution per trace class";
    EXPECT_EQ(std::set<std::string>(reduced.classes.begin(), reduced.classes.end()), distinct);
    EXPECT_EQ(reduced.outcomes, all.outcomes);
}

TEST(ExplorerReduction, SharedChannelsMatchesTheUnreducedSearch) {
    cross_check([](std::string&) { shared_channels(3); });
}

TEST(ExplorerReduction, TwoCoordinatorsWithReplyChannelsMatch) {
    cross_check([](std::string& out) {
        auto requests = make_chan<int, S>(0, "requests");
        auto replies = make_chan<int, S>(2, "replies");
        wait_group<S> wg;
        wg.add(2);
        for (int c = 0; c < 2; ++c)
            go<S>("coordinator", [&, c] {
                replies.send(requests.recv().value * 10 + c);
                wg.done();
            });
        requests.send(1);
        requests.send(2);
        wg.wait();
        out = std::to_string(replies.recv().value) + "," + std::to_string(replies.recv().value);
    });
}

TEST(ExplorerReduction, SelectsTimersAndDefaultsMatch) {
    cross_check([](std::string& out) {
        auto results = make_chan<int, S>(0, "results");
        auto done = make_chan<int, S>(1, "done");
        go<S>("worker", [results, done] {
            select(on_send(results, 7), on_default([] {}));
            done.send(1);
        });
        int got = -1;
        select(on_recv(results, [&](int v) { got = v; }), on_recv(after<S>(std::chrono::milliseconds(1))));
        done.recv();
        out = std::to_string(got);
    });
}

TEST(ExplorerReduction, MutexAndWaitGroupMatch) {
    cross_check([](std::string& out) {
        mutex<S> mu;
        wait_group<S> wg;
        auto log = std::make_shared<shared<std::string, S>>();
        wg.add(3);
        for (char name : {'a', 'b', 'c'})
            go<S>("worker", [&, log, name] {
                mu.lock();
                log->write() += name;
                mu.unlock();
                wg.done();
            });
        wg.wait();
        out = log->read();
    });
}

TEST(ExplorerReduction, TwoCoordinatorsOnSharedChannelsFindEveryRouting) {
    // Pattern two with a second coordinator, recording who got what instead
    // of asserting: every misrouting the full search sees, the reduced one sees.
    cross_check([](std::string& out) {
        auto requests = make_chan<int, S>(0, "requests");
        auto responses = make_chan<int, S>(0, "responses");
        wait_group<S> wg;
        for (int c = 0; c < 2; ++c)
            go<S>("coordinator", [requests, responses] { responses.send(requests.recv().value); }, {.daemon = true});
        auto got = std::make_shared<std::array<shared<int, S>, 2>>();
        wg.add(2);
        for (int r = 0; r < 2; ++r)
            go<S>("requester", [&, got, r] {
                requests.send(r);
                (*got)[static_cast<std::size_t>(r)].write() = responses.recv().value;
                wg.done();
            });
        wg.wait();
        out = std::to_string((*got)[0].read()) + std::to_string((*got)[1].read());
    });
}

// A send and a close unordered are a data race (channel_race_test.cpp), so
// the close races receivers here: each sees a value or the close.
TEST(ExplorerReduction, CloseRacingWithReceiversMatch) {
    cross_check([](std::string& out) {
        auto c = make_chan<int, S>(2, "c");
        auto log = std::make_shared<shared<std::string, S>>();
        auto seen = make_chan<std::string, S>(2, "seen");
        c.send(1);
        for (const char* name : {"a", "b"})
            go<S>(name, [c, seen, name] {
                auto [v, ok] = c.recv();
                seen.send(std::string(name) + (ok ? std::to_string(v) : "-"));
            });
        go<S>("closer", [c] { c.close(); });
        for (int i = 0; i < 2; ++i) log->write() += seen.recv().value;
        out = log->read();
    });
}

// --- Cond --------------------------------------------------------------------

// main waits for `ready` under the Cond; a setter sets it and signals. With
// `loop`, main waits only while not ready (Go's idiom); without, it waits
// once, and a signal sent before it waits is lost.
void cond_program(bool loop, std::string* out = nullptr) {
    mutex<S> mu;
    cond<S> cv(mu);
    auto ready = std::make_shared<shared<bool, S>>();
    go<S>("setter", [&, ready] {
        mu.lock();
        ready->write() = true;
        cv.signal();
        mu.unlock();
    });
    mu.lock();
    if (loop) {
        while (!ready->read()) cv.wait();
    } else {
        cv.wait();
    }
    mu.unlock();
    if (out) *out = "done";
}

TEST(ExplorerCond, TwoTracesWhoLocksFirst) {
    // Setter first: its signal finds nobody, main sees ready and never waits.
    // Main first: it waits, the setter signals, main wakes and relocks.
    check_result r = check([] { cond_program(true); });
    EXPECT_EQ(r.outcome, verdict::proved) << (r.cx ? r.cx->message : "");
    EXPECT_EQ(r.stats.executions, 2u);
}

TEST(ExplorerCond, ALostSignalIsADeadlock) {
    check_result r = check([] { cond_program(false); });
    expect_kind(r, "deadlock", "deadlock");
    ASSERT_FALSE(r.cx->blocked.empty());
    EXPECT_EQ(r.cx->blocked[0].waiting_on, "wait on Cond");
}

TEST(ExplorerCond, WaitWithoutTheMutexPanics) {
    expect_kind(check([] {
                    mutex<S> mu;
                    cond<S> cv(mu);
                    cv.wait();
                }),
                "panic", "sync: unlock of unlocked mutex");
}

TEST(ExplorerCond, BroadcastWakesEveryWaiterSignalOnlyOne) {
    auto waiters_then = [](bool broadcast) {
        return check([broadcast] {
            mutex<S> mu;
            cond<S> cv(mu);
            wait_group<S> wg;
            auto go_ahead = std::make_shared<shared<bool, S>>();
            wg.add(2);
            for (const char* name : {"a", "b"})
                go<S>(name, [&, go_ahead] {
                    mu.lock();
                    while (!go_ahead->read()) cv.wait();
                    mu.unlock();
                    wg.done();
                });
            mu.lock();
            go_ahead->write() = true;
            if (broadcast) cv.broadcast();
            else cv.signal();
            mu.unlock();
            wg.wait();
        });
    };
    EXPECT_EQ(waiters_then(true).outcome, verdict::proved);
    expect_kind(waiters_then(false), "deadlock", "deadlock");
}

// Go's mutexes have no owner, so an Unlock is always enabled: with the
// mutex free it panics. The first execution (the locker first) is legal;
// only the other order panics, and the reduced search must try it.
TEST(ExplorerReduction, AnUnlockRacingALockIsTriedFirstToo) {
    check_result r = check([] {
        mutex<S> mu;
        wait_group<S> wg;
        wg.add(2);
        go<S>("locker", [&] {
            mu.lock();
            wg.done();
        });
        go<S>("unlocker", [&] {
            mu.unlock();
            wg.done();
        });
        wg.wait();
    });
    expect_kind(r, "panic", "sync: unlock of unlocked mutex");
}

TEST(ExplorerReduction, AnRUnlockRacingAnRLockIsTriedFirstToo) {
    check_result r = check([] {
        rw_mutex<S> mu;
        wait_group<S> wg;
        wg.add(2);
        go<S>("reader", [&] {
            mu.rlock();
            wg.done();
        });
        go<S>("unlocker", [&] {
            mu.runlock();
            wg.done();
        });
        wg.wait();
    });
    expect_kind(r, "panic", "sync: RUnlock of unlocked RWMutex");
}

TEST(ExplorerReduction, AWaitRacingALockIsTriedFirstToo) {
    check_result r = check([] {
        // The waiter may stay queued after main returns: what it uses must outlive main.
        struct state {
            mutex<S> mu;
            cond<S> cv{mu};
            wait_group<S> wg;
        };
        auto st = std::make_shared<state>();
        st->wg.add(1);
        go<S>("locker", [st] {
            st->mu.lock();
            st->wg.done();
        });
        go<S>("waiter", [st] { st->cv.wait(); }, go_options{.daemon = true});
        st->wg.wait();
    });
    expect_kind(r, "panic", "sync: unlock of unlocked mutex");
}

TEST(ExplorerReduction, CondMatchesTheUnreducedSearch) {
    cross_check([](std::string& out) { cond_program(true, &out); });
}

}  // namespace
}  // namespace chancheck
