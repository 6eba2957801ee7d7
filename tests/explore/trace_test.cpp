// What a counterexample points at: which send each receive took its value
// from, which events the failure is about, and where it failed. Reports draw
// arrows and highlights from exactly these fields.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include <gtest/gtest.h>

namespace chancheck {
namespace {

using S = explore;

counterexample failing(const std::function<void()>& program) {
    check_result r = run_explorer(program, explore_options{});
    if (!r.cx) {
        ADD_FAILURE() << "expected a counterexample, got " << verdict_name(r.outcome);
        return {};
    }
    return *r.cx;
}

const trace_event& event_at(const counterexample& cx, int index) {
    EXPECT_GE(index, 0);
    EXPECT_LT(index, static_cast<int>(cx.trace.size()));
    return cx.trace.at(static_cast<std::size_t>(index));
}

int find_event(const counterexample& cx, const std::string& goroutine, const std::string& op) {
    for (std::size_t i = 0; i < cx.trace.size(); ++i)
        if (cx.trace[i].goroutine == goroutine && cx.trace[i].op == op) return static_cast<int>(i);
    ADD_FAILURE() << "no event " << goroutine << ": " << op;
    return -1;
}

TEST(TraceLinks, AHandOffReceiveComesFromTheSendOfTheSameStep) {
    counterexample cx = failing([] {
        auto c = make_chan<int, S>(0, "c");
        go<S>("sender", [c] { c.send(7); });
        c.recv();
        expect<S>(false, "reached", "after the hand-off");
    });
    const int recv = find_event(cx, "main", "receive");
    const trace_event& send = event_at(cx, cx.trace[static_cast<std::size_t>(recv)].from);
    EXPECT_EQ(send.goroutine, "sender");
    EXPECT_EQ(send.op, "send");
    EXPECT_EQ(send.value, "7");
    EXPECT_EQ(send.step, cx.trace[static_cast<std::size_t>(recv)].step);
}

TEST(TraceLinks, BufferedReceivesComeFromTheirSendsInOrder) {
    counterexample cx = failing([] {
        auto c = make_chan<int, S>(2, "c");
        c.send(1);
        c.send(2);
        c.recv();
        c.recv();
        expect<S>(false, "reached", "after both");
    });
    std::vector<std::string> pairs;
    for (const auto& t : cx.trace)
        if (t.op == "receive") pairs.push_back(event_at(cx, t.from).value + "->" + t.value);
    EXPECT_EQ(pairs, (std::vector<std::string>{"1->1", "2->2"}));
}

TEST(TraceLinks, AReceiveOnAClosedChannelComesFromTheClose) {
    counterexample cx = failing([] {
        auto c = make_chan<int, S>(0, "c");
        c.close();
        c.recv();
        expect<S>(false, "reached", "after the close");
    });
    const int recv = find_event(cx, "main", "receive (closed)");
    EXPECT_EQ(event_at(cx, cx.trace[static_cast<std::size_t>(recv)].from).op, "close");
}

TEST(TraceImplicated, AFailedCheckAndTheValueItLookedAt) {
    counterexample cx = failing([] {
        auto c = make_chan<int, S>(1, "answers");
        c.send(41);
        auto [v, ok] = c.recv();
        expect<S>(v == 42, "right-answer", "got " + std::to_string(v));
    });
    ASSERT_EQ(cx.implicated.size(), 2u);
    EXPECT_EQ(event_at(cx, cx.implicated[0]).op, "receive");
    EXPECT_EQ(event_at(cx, cx.implicated[1]).op, "check right-answer fails");
    EXPECT_EQ(cx.where.line, event_at(cx, cx.implicated[1]).where.line);
}

TEST(TraceImplicated, BothRacingAccesses) {
    counterexample cx = failing([] {
        auto x = std::make_shared<shared<int, S>>();
        wait_group<S> wg;
        wg.add(2);
        for (const char* name : {"a", "b"})
            go<S>(name, [x, &wg] {
                x->write() = 1;
                wg.done();
            });
        wg.wait();
    });
    ASSERT_EQ(cx.implicated.size(), 2u);
    const trace_event& first = event_at(cx, cx.implicated[0]);
    const trace_event& second = event_at(cx, cx.implicated[1]);
    EXPECT_EQ(first.op, "write");
    EXPECT_EQ(second.op, "write");
    EXPECT_NE(first.goroutine, second.goroutine);
    EXPECT_EQ(cx.where.line, second.where.line);
}

TEST(TraceImplicated, ASendOnAClosedChannelAndTheClose) {
    counterexample cx = failing([] {
        auto c = make_chan<int, S>(1, "c");
        c.close();
        c.send(1);
    });
    ASSERT_EQ(cx.implicated.size(), 2u);
    EXPECT_EQ(event_at(cx, cx.implicated[0]).op, "close");
    EXPECT_EQ(event_at(cx, cx.implicated[1]).op, "send (closed: panics)");
}

TEST(TraceWhere, ALeakIsWhereTheLeakedGoroutineWaits) {
    counterexample cx = failing([] {
        auto c = make_chan<int, S>(0, "unread");
        go<S>("stuck", [c] { c.send(1); });
    });
    EXPECT_EQ(cx.kind, "leak");
    ASSERT_EQ(cx.blocked.size(), 1u);
    EXPECT_EQ(cx.blocked[0].goroutine, "stuck");
    EXPECT_EQ(cx.blocked[0].waiting_on, "send to unread");
    EXPECT_EQ(cx.where.line, cx.blocked[0].where.line);
}

}  // namespace
}  // namespace chancheck
