// The relacy backend's runtime on small programs whose outcome is known:
// how a program ends (daemons may stay blocked, other goroutines leak),
// what escapes a goroutine, timers, the build size, and replay.
#include "result.hpp"
#include "run.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/relacy/relacy.hpp>

#include <gtest/gtest.h>

namespace chancheck {
namespace {

using S = relacy;

relacy_run::options quick(const char* strategy = "random") {
    relacy_run::options o;
    o.strategy = strategy;
    o.iterations = 2000;
    o.preemption_bound = 1;
    return o;
}

TEST(RelacyWorld, AProgramThatEndsCleanlyFindsNothing) {
    const std::function<void()> program = [] {
        auto c = make_chan<int, S>(0, "c");
        go<S>("sender", [c] { c.send(7); });
        auto [v, ok] = c.recv();
        expect<S>(ok && v == 7, "value", "wrong value");
    };
    const auto out = relacy_run::simulate_at<4>(program, quick());
    EXPECT_EQ(out.result, rl::test_result_success) << out.history;
    EXPECT_EQ(out.iterations, 2000u);
}

TEST(RelacyWorld, ADaemonBlockedWhenMainReturnsIsNotALeak) {
    const std::function<void()> program = [] {
        auto c = make_chan<int, S>(0, "c");
        go<S>("server", [c] { for (;;) c.recv(); }, go_options{.daemon = true});
        c.send(1);
    };
    const auto out = relacy_run::simulate_at<4>(program, quick("bounded"));
    EXPECT_EQ(out.result, rl::test_result_success) << out.failure.message << out.history;
}

TEST(RelacyWorld, AnOrdinaryGoroutineBlockedWhenMainReturnsLeaks) {
    const std::function<void()> program = [] {
        auto c = make_chan<int, S>(0, "c");
        go<S>("stuck", [c] { c.recv(); });
    };
    const auto out = relacy_run::simulate_at<4>(program, quick());
    ASSERT_EQ(out.failure.kind, relacy_detail::failure_kind::leak);
    EXPECT_NE(std::string(out.failure.message).find("stuck"), std::string::npos) << out.failure.message;
    const check_result r = relacy_run::to_check_result("m", {}, quick(), out, 0);
    ASSERT_TRUE(r.cx);
    EXPECT_EQ(r.cx->kind, "leak");
}

TEST(RelacyWorld, EveryGoroutineAsleepIsADeadlockNamingWhatEachWaitsFor) {
    const std::function<void()> program = [] {
        auto c = make_chan<int, S>(0, "lonely");
        c.recv();
    };
    const auto out = relacy_run::simulate_at<4>(program, quick());
    EXPECT_EQ(out.result, rl::test_result_deadlock);
    const check_result r = relacy_run::to_check_result("m", {}, quick(), out, 0);
    ASSERT_TRUE(r.cx);
    EXPECT_EQ(r.cx->kind, "deadlock");
    ASSERT_EQ(r.cx->blocked.size(), 1u);
    EXPECT_EQ(r.cx->blocked[0].goroutine, "main");
    EXPECT_EQ(r.cx->blocked[0].waiting_on, "receive from lonely");
}

TEST(RelacyWorld, APanicInAGoroutineEndsTheProgramAsGoDoes) {
    const std::function<void()> program = [] {
        auto c = make_chan<int, S>(1, "c");
        auto done = make_chan<int, S>(0, "done");
        c.close();
        go<S>("late sender", [c, done] {
            c.send(1);
            done.send(0);
        });
        done.recv();
    };
    const auto out = relacy_run::simulate_at<4>(program, quick());
    ASSERT_EQ(out.failure.kind, relacy_detail::failure_kind::panic);
    EXPECT_STREQ(out.failure.goroutine, "late sender");
    EXPECT_NE(std::string(out.failure.message).find("send on closed channel"), std::string::npos);
}

TEST(RelacyWorld, ATimerFiresAtSomePointRelacyChooses) {
    // Either case may win: the search must see both.
    const std::function<void()> program = [] {
        auto c = make_chan<int, S>(0, "c");
        go<S>("slow", [c] { c.send(1); }, go_options{.daemon = true});
        auto t = after<S>(std::chrono::milliseconds(1));
        const int fired = select(on_recv(c), on_recv(t));
        expect<S>(fired == 0, "timer", "the timer fired first");
    };
    const auto out = relacy_run::simulate_at<8>(program, quick());
    EXPECT_EQ(out.failure.kind, relacy_detail::failure_kind::assertion) << "the timer never won";
}

TEST(RelacyWorld, MoreGoroutinesThanTheBuildHoldsIsReportedNotUndefined) {
    const std::function<void()> program = [] {
        auto wg = std::make_shared<wait_group<S>>();
        wg->add(5);
        for (int i = 0; i < 5; ++i) go<S>("worker", [wg] { wg->done(); });
        wg->wait();
    };
    const auto small = relacy_run::simulate_at<4>(program, quick());
    EXPECT_EQ(small.failure.kind, relacy_detail::failure_kind::capacity);
    const auto fits = relacy_run::simulate(program, quick());
    EXPECT_EQ(fits.result, rl::test_result_success) << fits.failure.message;
    EXPECT_EQ(fits.goroutines, 8u);
}

TEST(RelacyWorld, AFailureReplaysFromItsSchedule) {
    const std::function<void()> program = [] {
        auto c = make_chan<int, S>(2, "c");
        go<S>("a", [c] { c.send(1); });
        go<S>("b", [c] { c.send(2); });
        auto [first, ok] = c.recv();
        c.recv();
        expect<S>(first == 1, "order", "b's value came first");
    };
    relacy_run::options o = quick();
    const auto found = relacy_run::simulate(program, o);
    ASSERT_EQ(found.failure.kind, relacy_detail::failure_kind::assertion);
    const std::string schedule = relacy_run::schedule_of(o, found);

    relacy_run::options replay;
    relacy_run::apply_schedule(schedule, replay, replay.size);
    replay.iterations = 1;
    const auto again = relacy_run::simulate(program, replay);
    EXPECT_EQ(again.failure.kind, relacy_detail::failure_kind::assertion);
    EXPECT_STREQ(again.failure.message, found.failure.message);
    EXPECT_THROW(relacy_run::apply_schedule("random:5:1", replay, replay.size), std::invalid_argument);
    EXPECT_THROW(relacy_run::apply_schedule("pct:8:1", replay, replay.size), std::invalid_argument);
    EXPECT_THROW(relacy_run::apply_schedule("random:8:", replay, replay.size), std::invalid_argument);
}

TEST(RelacyWorld, TheTraceShowsThePatternsSendsAndReceivesAndImplicatesTheOneChecked) {
    const std::function<void()> program = [] {
        auto c = make_chan<int, S>(0, "answers");
        go<S>("a", [c] { c.send(1); });
        go<S>("b", [c] { c.send(2); });
        auto [first, ok] = c.recv();
        expect<S>(first == 1, "order", "b's answer came first");
        c.recv();
    };
    const auto out = relacy_run::simulate(program, quick());
    ASSERT_EQ(out.failure.kind, relacy_detail::failure_kind::assertion);
    const check_result r = relacy_run::to_check_result("m", {}, quick(), out, 0);
    ASSERT_TRUE(r.cx);
    bool sent = false;
    for (const auto& e : r.cx->trace)
        sent = sent || (e.goroutine == "b" && e.op == "send" && e.object == "answers" && e.value == "2");
    EXPECT_TRUE(sent) << out.history;
    ASSERT_EQ(r.cx->implicated.size(), 2u);
    const trace_event& checked = r.cx->trace[static_cast<std::size_t>(r.cx->implicated[0])];
    EXPECT_EQ(checked.goroutine, "main");
    EXPECT_EQ(checked.op, "receive");
    EXPECT_EQ(checked.value, "2");
}

TEST(RelacyResult, HistoryLinesBecomeTraceEventsWithNamedGoroutinesAndObjects) {
    const std::string history =
        "DEADLOCK (deadlock detected)\n"
        "execution history (4):\n"
        "[0] 0: [CTOR BEGIN], in fiber_proc_impl, /usr/include/relacy/context.hpp(457)\n"
        "[1] 1: <0x1000> CAS succ orig=0, cmp=0, xchg=1, order=acquire, in lock, harness/chancheck/locked/futex_lock.hpp(38)\n"
        "[2] 0: <0x2004> atomic load, value=2, order=acquire, in park, harness/chancheck/locked/futex_lock.hpp(92)\n"
        "[3] 0: DEADLOCK (deadlock detected), in sleep_on, harness/src/relacy/world.cpp(173)\n"
        "[4] 1: [receive] requests: 7, in f<a, b>, models/m.hpp(12)\n"
        "\n"
        "thread 0:\n"
        "[0] 0: [CTOR BEGIN], in fiber_proc_impl, /usr/include/relacy/context.hpp(457)\n";
    const std::vector<relacy_detail::world::object_label> labels = {{0x1000, 64, "chan requests"},
                                                                    {0x2000, 32, "goroutine main"}};
    const auto events = relacy_run::parse_history(history, {"main", "coordinator 0"}, labels);
    ASSERT_EQ(events.size(), 4u);
    EXPECT_EQ(events[0].goroutine, "coordinator 0");
    EXPECT_EQ(events[0].object, "chan requests");
    EXPECT_EQ(events[0].op, "CAS succ orig=0, cmp=0, xchg=1, order=acquire");
    EXPECT_EQ(events[0].where.file, "harness/chancheck/locked/futex_lock.hpp");
    EXPECT_EQ(events[0].where.line, 38u);
    EXPECT_EQ(events[1].object, "goroutine main");
    EXPECT_EQ(events[2].op, "DEADLOCK (deadlock detected)");
    EXPECT_EQ(events[3].op, "receive");
    EXPECT_EQ(events[3].object, "requests");
    EXPECT_EQ(events[3].value, "7");
    EXPECT_EQ(events[3].where.file, "models/m.hpp");
    EXPECT_EQ(events[3].where.line, 12u);
}

TEST(RelacyResult, OnlyACompletedFullSearchIsAProof) {
    relacy_run::outcome nothing;
    nothing.iterations = 10;
    EXPECT_EQ(relacy_run::to_check_result("m", {}, quick("exhaustive"), nothing, 0).outcome, verdict::proved);
    EXPECT_EQ(relacy_run::to_check_result("m", {}, quick("bounded"), nothing, 0).outcome, verdict::bounded);
    EXPECT_EQ(relacy_run::to_check_result("m", {}, quick("random"), nothing, 0).outcome, verdict::bounded);
    relacy_run::options replay = quick("exhaustive");
    replay.initial_state = "1 2 3";
    EXPECT_EQ(relacy_run::to_check_result("m", {}, replay, nothing, 0).outcome, verdict::bounded);
}

TEST(RelacyResult, RelacysOutcomesMapOntoChanchecksKinds) {
    const std::pair<rl::test_result_e, const char*> cases[] = {
        {rl::test_result_deadlock, "deadlock"},       {rl::test_result_data_race, "race"},
        {rl::test_result_livelock, "step-limit"},     {rl::test_result_memory_leak, "leak"},
        {rl::test_result_resource_leak, "leak"},      {rl::test_result_user_assert_failed, "assertion"},
        {rl::test_result_access_to_freed_memory, "panic"}};
    for (const auto& [result, kind] : cases) {
        relacy_run::outcome out;
        out.result = result;
        const check_result r = relacy_run::to_check_result("m", {}, quick(), out, 0);
        ASSERT_TRUE(r.cx);
        EXPECT_EQ(r.cx->kind, kind) << rl::test_result_str(result);
    }
}

}  // namespace
}  // namespace chancheck
