// Go's select: default only when nothing is ready, uniform choice, exactly one case, no self-pairing.
// The CONFORMANCE_CASEs run on threads and the explorer, each with a Go twin
// (go/twins/select.go); the TESTs are threads-only checks (many rounds,
// chi-square uniformity, goroutines parked across programs).
#include "outcomes.hpp"
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace conformance {
namespace {

using namespace std::chrono_literals;

// Pearson's chi-square statistic of `counts` against equal expected counts.
template <std::size_t N>
double chi_square(const std::array<int, N>& counts, int total) {
    const double expected = static_cast<double>(total) / N;
    double x2 = 0;
    for (int c : counts) x2 += (c - expected) * (c - expected) / expected;
    return x2;
}

CONFORMANCE_CASE(default_only_when_none_ready, {.name = "select.default_only_when_nothing_is_ready", .rule = "Select statements: default runs only if no communication can proceed", .allowed = {"4 2 5 / ok"}}) {
    auto unbuffered = cc::make_chan<int, S>(0, "unbuffered");
    auto empty = cc::make_chan<int, S>(1, "empty");
    auto full = cc::make_chan<int, S>(1, "full");
    full.send(0);
    out.print(cc::select(cc::on_recv(unbuffered), cc::on_send(unbuffered, 1), cc::on_recv(empty), cc::on_send(full, 1),
                         cc::on_default()));
    empty.send(5);
    int value = 0;
    out.print(cc::select(cc::on_recv(unbuffered), cc::on_send(unbuffered, 1), cc::on_recv(empty, [&](int v) { value = v; }),
                         cc::on_send(full, 1), cc::on_default()));
    out.print(value);
}

// Whether the sender has arrived when the select runs is up to the scheduler.
CONFORMANCE_CASE(default_or_partner, {.name = "select.default_or_a_waiting_sender", .rule = "Select statements: a case with a waiting partner can proceed; otherwise default", .allowed = {"1 / ok", "default 1 / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    cc::go<S>("sender", [c] { c.send(1); });
    cc::select(cc::on_recv(c, [&](int v) { out.print(v); }), cc::on_default([&] {
                   out.print("default");
                   out.print(c.recv().value);
               }));
}

CONFORMANCE_CASE(three_ready, {.name = "select.three_ready_cases_uniform_exactly_one", .rule = "Select statements: among several ready cases one is chosen by uniform pseudo-random selection, and only it proceeds", .allowed = {"0 2 / ok", "1 2 / ok", "2 2 / ok"}, .threads_runs = 300, .uniform = true}) {
    std::array<cc::chan<int, S>, 3> ch;
    for (auto& c : ch) {
        c = cc::make_chan<int, S>(1);
        c.send(1);
    }
    int k = cc::select(cc::on_recv(ch[0]), cc::on_recv(ch[1]), cc::on_recv(ch[2]));
    out.print(k, " ", ch[0].len() + ch[1].len() + ch[2].len());
}

CONFORMANCE_CASE(blocked_fires_one, {.name = "select.blocked_select_fires_exactly_one_case", .rule = "Select statements: a blocked select proceeds on exactly one case", .allowed = {"default 0 1 / ok"}}) {
    auto a = cc::make_chan<int, S>(0, "a");
    auto b = cc::make_chan<int, S>(0, "b");
    auto report = cc::make_chan<int, S>(2, "report");
    cc::go<S>("selector", [a, b, report] {
        int got = 0;
        report.send(cc::select(cc::on_recv(a, [&](int v) { got = v; }), cc::on_recv(b, [&](int v) { got = v; })));
        report.send(got);
    });
    a.send(1);
    cc::select(cc::on_send(b, 2, [&] { out.print("taken"); }), cc::on_default([&] { out.print("default"); }));
    out.print(report.recv().value);
    out.print(report.recv().value);
}

CONFORMANCE_CASE(no_self_pairing, {.name = "select.cannot_pair_its_own_send_and_receive", .rule = "Select statements: a select's send and receive on one channel cannot complete each other", .allowed = {"deadlock"}, .blocks = true}) {
    auto c = cc::make_chan<int, S>(0, "c");
    cc::select(cc::on_send(c, 1), cc::on_recv(c));
}

CONFORMANCE_CASE(two_selects_pair, {.name = "select.two_selects_pair_send_with_receive", .rule = "Select statements: a send case of one select pairs with a receive case of another", .allowed = {"g1: sent; g2: got 1 / ok", "g1: got 2; g2: sent / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto done = cc::make_chan<int, S>(2, "done");
    for (int id = 1; id <= 2; ++id)
        cc::go<S>("g" + std::to_string(id), [&out, c, done, id] {
            auto s = out.in("g" + std::to_string(id));
            cc::select(cc::on_send(c, id, [&] { s.print("sent"); }), cc::on_recv(c, [&](int v) { s.print("got ", v); }));
            done.send(0);
        });
    done.recv();
    done.recv();
}

CONFORMANCE_CASE(same_channel_twice, {.name = "select.same_channel_in_two_cases_fires_once", .rule = "Select statements: one communication proceeds even when two cases name one channel", .allowed = {"default 0 / ok", "default 1 / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto report = cc::make_chan<int, S>(1, "report");
    cc::go<S>("selector", [c, report] { report.send(cc::select(cc::on_recv(c), cc::on_recv(c))); });
    c.send(1);
    cc::select(cc::on_send(c, 2, [&] { out.print("taken"); }), cc::on_default([&] { out.print("default"); }));
    out.print(report.recv().value);
}

CONFORMANCE_CASE(recv_value_ok, {.name = "select.receive_case_gets_value_and_ok", .rule = "Select statements: a receive case may assign the value and ok", .allowed = {"3 true 0 false / ok"}}) {
    auto c = cc::make_chan<int, S>(1, "c");
    c.send(3);
    auto h = [&](int v, bool ok) { out.print(v, " ", ok); };
    cc::select(cc::on_recv(c, h));
    c.close();
    cc::select(cc::on_recv(c, h));
}

CONFORMANCE_CASE(only_default, {.name = "select.only_default_runs_it", .rule = "Select statements: a select with only default proceeds at once", .allowed = {"default / ok"}}) {
    cc::select<S>(cc::on_default([&] { out.print("default"); }));
}

CONFORMANCE_CASE(blocked_wakes, {.name = "select.blocked_select_wakes_when_a_partner_arrives", .rule = "Select statements: with no default, select blocks until a case can proceed", .allowed = {"1 8 / ok"}}) {
    auto requests = cc::make_chan<int, S>(0, "requests");
    auto replies = cc::make_chan<int, S>(0, "replies");
    cc::go<S>("client", [replies] { replies.send(8); });
    int value = 0;
    out.print(cc::select(cc::on_recv(requests), cc::on_recv(replies, [&](int v) { value = v; })), " ", value);
}

// Neither select waits, so there is never a partner to pair with: Go polls
// each channel once and takes default.
CONFORMANCE_CASE(nonblocking_pair, {.name = "select.two_non_blocking_selects_never_rendezvous", .rule = "Select statements: a case proceeds only with a partner that is ready; two selects with default are never both waiting", .allowed = {"a: false; b: 0 / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto done = cc::make_chan<int, S>(2, "done");
    cc::go<S>("a", [&out, c, done] {
        cc::select(cc::on_send(c, 7, [&] { out.in("a").print(true); }), cc::on_default([&] { out.in("a").print(false); }));
        done.send(0);
    });
    cc::go<S>("b", [&out, c, done] {
        cc::select(cc::on_recv(c, [&](int v) { out.in("b").print(v); }), cc::on_default([&] { out.in("b").print(0); }));
        done.send(0);
    });
    done.recv();
    done.recv();
}

CONFORMANCE_CASE(operands_in_order, {.name = "select.operands_evaluated_once_in_source_order", .rule = "Select statements: channel operands and send values are evaluated exactly once, in source order, on entering select", .allowed = {"ch1 v2 ch3 sent / ok"}}) {
    auto room = cc::make_chan<int, S>(1, "room");
    cc::chan<int, S> nil;
    auto ch = [&](int i, cc::chan<int, S> c) {
        out.print("ch", i);
        return c;
    };
    auto val = [&](int i) {
        out.print("v", i);
        return i;
    };
    // The braced form: braces are evaluated left to right (select.hpp).
    cc::select({cc::on_send{ch(1, room), val(2), [&] { out.print("sent"); }}, cc::on_recv{ch(3, nil)}});
}

TEST(Select, NeverTakesDefaultWhileACaseIsReady) {
    int wrong = 0;
    expect_completes([&] {
        auto never = cc::make_chan<int, S>(0, "never");
        auto full = cc::make_chan<int, S>(1, "full");
        full.send(0);
        auto c = cc::make_chan<int, S>(1, "c");
        for (int i = 0; i < 1000; ++i) {
            c.send(i);  // a receive from c is now the one ready case
            if (cc::select(cc::on_recv(never), cc::on_send(full, 1), cc::on_default(), cc::on_recv(c)) != 3) ++wrong;
            // c is empty again: a send to it is now the one ready case
            if (cc::select(cc::on_send(never, 1), cc::on_default(), cc::on_send(c, i), cc::on_send(full, 1)) != 2)
                ++wrong;
            c.recv();
        }
    });
    EXPECT_EQ(wrong, 0);
}

TEST(Select, NeverTakesDefaultWhileAPartnerWaits) {
    auto c = cc::make_chan<int, S>(0, "c");
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(parks([c, i] { c.send(i); }, "send to c"));
    std::vector<int> fired, values;
    expect_completes([&] {
        for (int i = 0; i < 3; ++i)
            fired.push_back(cc::select(cc::on_default(), cc::on_recv(c, [&](int v) { values.push_back(v); })));
        fired.push_back(cc::select(cc::on_default(), cc::on_recv(c)));
    });
    EXPECT_EQ(fired, (std::vector<int>{1, 1, 1, 0}));
    EXPECT_EQ(values, (std::vector<int>{0, 1, 2}));
}

TEST(Select, ChoiceAmongReadyCasesIsUniform) {
    constexpr int rounds = 10'000;
    std::array<int, 4> counts{};
    expect_completes(
        [&] {
            std::array<cc::chan<int, S>, 4> ch;
            for (auto& c : ch) {
                c = cc::make_chan<int, S>(0);
                c.close();  // a closed channel is always ready to receive from
            }
            for (int i = 0; i < rounds; ++i) {
                int k = cc::select(cc::on_recv(ch[0]), cc::on_recv(ch[1]), cc::on_recv(ch[2]), cc::on_recv(ch[3]));
                ++counts[static_cast<std::size_t>(k)];
            }
        },
        /*seed=*/20240611);
    for (int c : counts) {
        EXPECT_GT(c, rounds / 4 * 8 / 10);
        EXPECT_LT(c, rounds / 4 * 12 / 10);
    }
    // 16.27 is the 0.999 quantile of chi-square with 3 degrees of freedom.
    EXPECT_LT(chi_square(counts, rounds), 16.27) << counts[0] << " " << counts[1] << " " << counts[2] << " "
                                                 << counts[3];
}

TEST(Select, ChoiceAmongReadySendsAndReceivesIsUniformAndSkipsTheOthers) {
    constexpr int rounds = 10'000;
    std::array<int, 6> counts{};
    expect_completes(
        [&] {
            auto closed1 = cc::make_chan<int, S>(0), closed2 = cc::make_chan<int, S>(0);
            closed1.close();
            closed2.close();
            auto room1 = cc::make_chan<int, S>(rounds), room2 = cc::make_chan<int, S>(rounds);
            cc::chan<int, S> nil;
            auto idle = cc::make_chan<int, S>(0);
            for (int i = 0; i < rounds; ++i) {
                int k = cc::select(cc::on_recv(idle), cc::on_send(room1, i), cc::on_recv(closed1), cc::on_recv(nil),
                                   cc::on_send(room2, i), cc::on_recv(closed2));
                ++counts[static_cast<std::size_t>(k)];
            }
        },
        /*seed=*/7);
    EXPECT_EQ(counts[0], 0);
    EXPECT_EQ(counts[3], 0);
    std::array<int, 4> ready{counts[1], counts[2], counts[4], counts[5]};
    for (int c : ready) {
        EXPECT_GT(c, rounds / 4 * 8 / 10);
        EXPECT_LT(c, rounds / 4 * 12 / 10);
    }
    EXPECT_LT(chi_square(ready, rounds), 16.27);
}

// Several cases on one channel: whether the receiver or the select comes
// first, Go takes each case equally often (go run: 33173 33352 33475 of 100k).
TEST(Select, ChoiceAmongSendsOnOneChannelIsUniform) {
    constexpr int rounds = 30'000;
    std::array<int, 3> counts{};
    expect_completes(
        [&] {
            auto c = cc::make_chan<int, S>(0, "c");
            auto done = cc::make_chan<int, S>(0, "done");
            cc::go<S>("receiver", [&, c, done] {
                for (int i = 0; i < rounds; ++i) ++counts[static_cast<std::size_t>(c.recv().value)];
                done.send(0);
            });
            for (int i = 0; i < rounds; ++i) cc::select(cc::on_send(c, 0), cc::on_send(c, 1), cc::on_send(c, 2));
            done.recv();
        },
        /*seed=*/11);
    // Wide bounds (some 14 standard deviations): never a flake.
    for (int n : counts) {
        EXPECT_GT(n, rounds / 3 * 8 / 10) << counts[0] << " " << counts[1] << " " << counts[2];
        EXPECT_LT(n, rounds / 3 * 12 / 10) << counts[0] << " " << counts[1] << " " << counts[2];
    }
}

// A select parked on two sends to one channel, then woken by a receiver: Go
// takes either case (go run, 400 parked selects: 201 199), as its waiters
// queue in a random order.
TEST(Select, ParkedSelectWokenOnOneChannelTakesEitherCase) {
    constexpr int selectors = 400;
    auto c = cc::make_chan<int, S>(0, "c");
    // Selector i sends 2i or 2i+1. The run stalls once they have parked; the
    // ones its report lists as blocked certainly queued before any receiver.
    // Until the last has started, the sends on `started` are progress, so a
    // slow start (ThreadSanitizer) does not look like a stall.
    auto started = cc::make_chan<int, S>(2 * selectors, "started");
    S::run_options slow = stall_fast();
    slow.stall_after = std::chrono::milliseconds(500);
    auto parked = S::run(
        [c, started] {
            for (int i = 0; i < selectors; ++i) {
                cc::go<S>("selector " + std::to_string(i), [c, started, i] {
                    started.send(i);
                    cc::select(cc::on_send(c, 2 * i), cc::on_send(c, 2 * i + 1));
                });
                started.send(i);
            }
        },
        slow);
    ASSERT_EQ(parked.how, outcome::stalled) << parked.describe();
    std::vector<bool> was_parked(selectors);
    int n = 0;
    for (const auto& g : parked.alive)
        if (g.blocked && g.waiting_on.rfind("select on c", 0) == 0) {
            was_parked[static_cast<std::size_t>(std::stoi(g.name.substr(g.name.find(' ') + 1)))] = true;
            ++n;
        }
    ASSERT_GE(n, 100) << parked.describe();

    std::array<int, 2> counts{};
    expect_completes([&] {
        for (int i = 0; i < selectors; ++i) {
            int v = c.recv().value;
            if (was_parked[static_cast<std::size_t>(v / 2)]) ++counts[static_cast<std::size_t>(v % 2)];
        }
    });
    // Each case n/2 times, standard deviation sqrt(n)/2: six of them below.
    const double floor = n / 2.0 - 3 * std::sqrt(n);
    EXPECT_GT(counts[0], floor) << counts[0] << " " << counts[1];
    EXPECT_GT(counts[1], floor) << counts[0] << " " << counts[1];
}

TEST(Select, ExactlyOneCaseFiresPerSelect) {
    int bad_rounds = 0;
    expect_completes([&] {
        for (int i = 0; i < 1000; ++i) {
            // Three ready receives.
            std::array<cc::chan<int, S>, 3> ch;
            for (auto& c : ch) {
                c = cc::make_chan<int, S>(1);
                c.send(1);
            }
            int calls = 0;
            auto h = [&] { ++calls; };
            int k = cc::select(cc::on_recv(ch[0], h), cc::on_recv(ch[1], h), cc::on_recv(ch[2], h));
            std::size_t left = 0;
            for (std::size_t j = 0; j < 3; ++j) left += ch[j].len();
            if (calls != 1 || left != 2 || ch[static_cast<std::size_t>(k)].len() != 0) ++bad_rounds;

            // Three ready sends.
            for (auto& c : ch) c = cc::make_chan<int, S>(1);
            calls = 0;
            k = cc::select(cc::on_send(ch[0], 0, h), cc::on_send(ch[1], 1, h), cc::on_send(ch[2], 2, h));
            std::size_t filled = 0;
            for (std::size_t j = 0; j < 3; ++j) filled += ch[j].len();
            if (calls != 1 || filled != 1 || ch[static_cast<std::size_t>(k)].recv().value != k) ++bad_rounds;
        }
    });
    EXPECT_EQ(bad_rounds, 0);
}

TEST(Select, BlockedSelectFiresExactlyOneCase) {
    constexpr int rounds = 200;
    int second_offer_taken = 0, wrong_case = 0;
    expect_completes([&] {
        for (int i = 0; i < rounds; ++i) {
            auto a = cc::make_chan<int, S>(0, "a");
            auto b = cc::make_chan<int, S>(0, "b");
            auto report = cc::make_chan<int, S>(1, "report");
            cc::go<S>("selector", [a, b, report] {
                int got = 0;
                int k = cc::select(cc::on_recv(a, [&](int v) { got = v; }), cc::on_recv(b, [&](int v) { got = v; }));
                report.send(k * 10 + got);
            });
            // Only the selector receives on a, so once this send completes
            // its select has fired, and b must have no receiver left.
            a.send(1);
            if (cc::select(cc::on_send(b, 2), cc::on_default()) == 0) ++second_offer_taken;
            if (report.recv().value != 1) ++wrong_case;
        }
    });
    EXPECT_EQ(second_offer_taken, 0);
    EXPECT_EQ(wrong_case, 0);
}

TEST(Select, BlockedSelectOfSendsFiresExactlyOneCase) {
    constexpr int rounds = 200;
    int second_taken = 0, wrong_case = 0;
    expect_completes([&] {
        for (int i = 0; i < rounds; ++i) {
            auto a = cc::make_chan<int, S>(0, "a");
            auto b = cc::make_chan<int, S>(0, "b");
            auto report = cc::make_chan<int, S>(1, "report");
            cc::go<S>("selector", [a, b, report] { report.send(cc::select(cc::on_send(a, 1), cc::on_send(b, 2))); });
            if (a.recv().value != 1) ++wrong_case;
            if (cc::select(cc::on_recv(b), cc::on_default()) == 0) ++second_taken;
            if (report.recv().value != 0) ++wrong_case;
        }
    });
    EXPECT_EQ(second_taken, 0);
    EXPECT_EQ(wrong_case, 0);
}

TEST(Select, CannotPairItsOwnSendWithItsOwnReceive) {
    auto c = cc::make_chan<int, S>(0, "c");
    const unsigned line = __LINE__ + 1;
    auto r = S::run([c] { cc::select(cc::on_send(c, 1), cc::on_recv(c)); }, stall_fast());
    ASSERT_EQ(r.how, outcome::stalled) << r.describe();
    ASSERT_EQ(r.alive.size(), 1u) << r.describe();
    EXPECT_TRUE(r.alive[0].blocked);
    EXPECT_EQ(r.alive[0].waiting_on, std::string("select on c at ") + __FILE__ + ":" + std::to_string(line));
}

TEST(Select, OwnSendAndReceiveOnOneChannelCompleteWithAPartner) {
    auto c = cc::make_chan<int, S>(0, "c");
    ASSERT_TRUE(parks([c] { c.send(4); }, "send to c"));
    int fired = -1, value = 0;
    expect_completes([&] { fired = cc::select(cc::on_send(c, 1), cc::on_recv(c, [&](int v) { value = v; })); });
    EXPECT_EQ(fired, 1);
    EXPECT_EQ(value, 4);
}

TEST(Select, TwoSelectsSendingAndReceivingOnOneChannelPairWithEachOther) {
    constexpr int rounds = 300;
    int bad = 0;
    expect_completes([&] {
        for (int i = 0; i < rounds; ++i) {
            auto c = cc::make_chan<int, S>(0, "c");
            auto report = cc::make_chan<std::pair<int, int>, S>(2, "report");
            for (int id = 1; id <= 2; ++id)
                cc::go<S>("selector " + std::to_string(id), [c, report, id] {
                    int got = 0;
                    int k = cc::select(cc::on_send(c, id), cc::on_recv(c, [&](int v) { got = v; }));
                    report.send({k * 10 + id, got});
                });
            auto r1 = report.recv().value, r2 = report.recv().value;
            // One sent (case 0), the other received (case 1) the sender's id.
            int k1 = r1.first / 10, k2 = r2.first / 10;
            if (k1 + k2 != 1) ++bad;
            else if ((k1 == 1 ? r1 : r2).second != (k1 == 1 ? r2 : r1).first % 10) ++bad;
        }
    });
    EXPECT_EQ(bad, 0);
}

TEST(Select, SameChannelInTwoCasesFiresOnce) {
    int calls = 0, fired_twice = 0;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        auto report = cc::make_chan<int, S>(1, "report");
        for (int i = 0; i < 100; ++i) {
            cc::go<S>("selector", [&, c, report] {
                int k = cc::select(cc::on_recv(c, [&] { ++calls; }), cc::on_recv(c, [&] { ++calls; }));
                report.send(k);
            });
            c.send(i);
            if (cc::select(cc::on_send(c, -1), cc::on_default()) == 0) ++fired_twice;
            report.recv();
        }
    });
    EXPECT_EQ(calls, 100);
    EXPECT_EQ(fired_twice, 0);
}

TEST(Select, ReturnsTheArgumentIndexOfTheCaseTaken) {
    int with_default_first = -2, default_taken = -2, send_taken = -2;
    expect_completes([&] {
        auto ready = cc::make_chan<int, S>(1, "ready");
        ready.send(1);
        auto empty = cc::make_chan<int, S>(0, "empty");
        with_default_first = cc::select(cc::on_default(), cc::on_recv(empty), cc::on_recv(ready));
        default_taken = cc::select(cc::on_recv(empty), cc::on_default(), cc::on_recv(ready));
        send_taken = cc::select(cc::on_recv(empty), cc::on_default(), cc::on_send(ready, 2));
    });
    EXPECT_EQ(with_default_first, 2);
    EXPECT_EQ(default_taken, 1);
    EXPECT_EQ(send_taken, 2);
}
}  // namespace
}  // namespace conformance
