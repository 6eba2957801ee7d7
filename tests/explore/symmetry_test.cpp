// Symmetry reduction against programs whose classes of executions under an
// exchange of interchangeable goroutines are counted by hand, and the
// declarations it must reject.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include "echo_callers.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

namespace chancheck {
namespace {

using S = explore;

check_result check(const std::function<void()>& program, bool symmetry, bool reduction = true) {
    explore_options o;
    o.strategy.reduction = reduction;
    o.strategy.symmetry = symmetry;
    return run_explorer(program, o);
}

// n members each send their identity once on one unbuffered channel; main
// receives n values. n! arrival orders, all images of one another.
void senders(int n) {
    auto c = make_chan<identity, S>(0, "c");
    go_interchangeable<S>("sender", n, [c](identity me) { c.send(me); });
    for (int i = 0; i < n; ++i) c.recv();
}

TEST(Symmetry, ArrivalOrdersOfInterchangeableSendersAreOneClass) {
    for (int n : {2, 3, 4}) {
        check_result plain = check([n] { senders(n); }, false);
        check_result sym = check([n] { senders(n); }, true);
        EXPECT_EQ(plain.outcome, verdict::proved);
        EXPECT_EQ(sym.outcome, verdict::proved);
        EXPECT_EQ(plain.stats.executions, n == 2 ? 2u : n == 3 ? 6u : 24u) << n;
        EXPECT_EQ(sym.stats.executions, 1u) << n;
        EXPECT_EQ(sym.strategy, "exhaustive (symmetry)");
    }
}

TEST(Symmetry, WithoutPartialOrderReductionToo) {
    // Two senders, no reduction: main starts both before its first receive
    // (a sender has no partner until then), where either can hand off
    // first: 2 interleavings, images of each other.
    check_result plain = check([] { senders(2); }, false, false);
    check_result sym = check([] { senders(2); }, true, false);
    EXPECT_EQ(plain.outcome, verdict::proved);
    EXPECT_EQ(sym.outcome, verdict::proved);
    EXPECT_EQ(plain.stats.executions, 2u);
    EXPECT_EQ(sym.stats.executions, 1u);
}

TEST(Symmetry, TwoGroupsKeepTheirOrderOfKinds) {
    // Two groups of two on one channel: the 4! arrival orders fall into
    // the 4!/(2!2!) = 6 sequences of group labels.
    auto program = [] {
        auto c = make_chan<int, S>(0, "c");
        go_interchangeable<S>("a", 2, [c](identity) { c.send(1); });
        go_interchangeable<S>("b", 2, [c](identity) { c.send(2); });
        for (int i = 0; i < 4; ++i) c.recv();
    };
    EXPECT_EQ(check(program, false).stats.executions, 24u);
    check_result sym = check(program, true);
    EXPECT_EQ(sym.outcome, verdict::proved);
    EXPECT_EQ(sym.stats.executions, 6u);
}

TEST(Symmetry, OnlyMembersThatHaveNotMovedAreExchanged) {
    // Two members each send twice: 4!/(2!2!) = 6 orders of the four sends.
    // Exchanging the members pairs them up (aabb~bbaa, abab~baba,
    // abba~baab): 3 classes, and the search runs one of each.
    auto program = [] {
        auto c = make_chan<int, S>(0, "c");
        go_interchangeable<S>("twice", 2, [c](identity) {
            c.send(1);
            c.send(2);
        });
        for (int i = 0; i < 4; ++i) c.recv();
    };
    EXPECT_EQ(check(program, false).stats.executions, 6u);
    EXPECT_EQ(check(program, true).stats.executions, 3u);
}

TEST(Symmetry, AMemberThatReadSharedDataIsNotExchanged) {
    // Reading shared data before the first step may set a member apart
    // from the others (it saw the data at another moment): no reduction.
    auto program = [] {
        auto c = make_chan<int, S>(0, "c");
        auto data = std::make_shared<shared<int, S>>(7);
        go_interchangeable<S>("reader", 3, [c, data](identity) { c.send(data->read()); });
        for (int i = 0; i < 3; ++i) c.recv();
    };
    EXPECT_EQ(check(program, false).stats.executions, 6u);
    EXPECT_EQ(check(program, true).stats.executions, 6u);
}

TEST(Symmetry, EachMemberGetsItsOwnIdentityBack) {
    // An echo server and three callers. The plain search finds 6 traces,
    // one per order of service; every one tells the callers apart, so the
    // one class holds all 3! = 6 relabellings.
    auto program = [] { echo_callers(3); };
    check_result r = check(program, true);
    EXPECT_EQ(r.outcome, verdict::proved);
    EXPECT_EQ(r.stats.executions, 1u);
    EXPECT_EQ(check(program, false).stats.executions, 6u);
}

TEST(Symmetry, MembersThatStartDifferentlyAreRejected) {
    // A hidden counter gives the members different code paths: the
    // declaration is wrong, and the first steps show it.
    auto program = [] {
        auto a = make_chan<int, S>(1, "a"), b = make_chan<int, S>(1, "b");
        auto started = std::make_shared<int>(0);
        go_interchangeable<S>("member", 2, [a, b, started](identity) {
            if ((*started)++ == 0) a.send(1);
            else b.send(1);
        });
    };
    EXPECT_EQ(check(program, false).outcome, verdict::proved);
    try {
        check(program, true);
        FAIL() << "the declaration was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("\"member 0\" and \"member 1\" were declared interchangeable but do not "
                                             "start alike (send a / send b)"),
                  std::string::npos)
            << e.what();
    }
}

TEST(Symmetry, ACounterexampleIsStillFound) {
    // Members share a buffered response channel: a member can take another's
    // answer. The symmetric search must still find it.
    check_result r = check(
        [] {
            auto in = make_chan<identity, S>(0, "in"), out = make_chan<identity, S>(1, "out");
            go<S>("echo", [in, out] {
                for (identity id : in) out.send(id);
            });
            auto wg = std::make_shared<wait_group<S>>();
            wg->add(2);
            go_interchangeable<S>("caller", 2, [in, out, wg](identity me) {
                in.send(me);
                identity got = out.recv().value;
                expect<S>(got == me, "own answer", [&] { return me.text() + " got " + got.text(); });
                wg->done();
            });
            wg->wait();
            in.close();
        },
        true);
    ASSERT_EQ(r.outcome, verdict::counterexample);
    EXPECT_EQ(r.cx->kind, "assertion");
}

}  // namespace
}  // namespace chancheck
