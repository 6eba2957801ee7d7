// Stress: close racing with blocked senders and receivers; every value is delivered once or its send panicked.
#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

namespace cc = chancheck;
using S = cc::threads;
using outcome = S::run_result::outcome;

namespace {

#if defined(__SANITIZE_THREAD__)
constexpr int rounds = 80;
#else
constexpr int rounds = 200;
#endif
constexpr int per_sender = 50;

struct sender_log {
    std::vector<int> delivered;  // values whose send returned
    int panics = 0;              // send_on_closed panics (at most one: it stops there)
    int other_exceptions = 0;
};

struct shape {
    long long capacity;
    int senders;
    int receivers;
};

// Alternates between more senders than receivers (senders pile up blocked
// when close comes) and more receivers than senders (receivers do).
shape shape_of(int round) {
    static constexpr long long capacities[] = {0, 1, 8};
    const long long cap = capacities[round % 3];
    return round % 2 == 0 ? shape{cap, 12, 3} : shape{cap, 3, 12};
}

void run_round(int round, int& failures) {
    const shape sh = shape_of(round);
    std::vector<sender_log> senders(static_cast<std::size_t>(sh.senders));
    std::vector<std::vector<int>> received(static_cast<std::size_t>(sh.receivers));
    std::vector<int> last_ok(static_cast<std::size_t>(sh.receivers), 1);
    // Close comes once this many values were delivered: always mid-traffic,
    // with most of one side blocked (see shape_of).
    const int close_after = 1 + (round * 97) % (sh.senders * per_sender / 2);
    std::atomic<int> delivered_so_far{0};
    auto r = S::run([&] {
        auto c = cc::make_chan<int, S>(sh.capacity, "c");
        auto never = cc::make_chan<int, S>(0, "never");
        auto threshold = cc::make_chan<int, S>(1, "threshold");
        cc::wait_group<S> wg;
        wg.add(sh.senders + sh.receivers);
        for (int s = 0; s < sh.senders; ++s)
            cc::go<S>("sender " + std::to_string(s), [&, c, never, threshold, s] {
                auto& log = senders[static_cast<std::size_t>(s)];
                for (int j = 0; j < per_sender; ++j) {
                    int v = s * per_sender + j;
                    try {
                        // Half the senders block in a select instead: close
                        // must make its send case panic too.
                        if (s % 2 == 0) c.send(v);
                        else cc::select(cc::on_send(c, v), cc::on_recv(never));
                        log.delivered.push_back(v);
                        if (++delivered_so_far == close_after) threshold.send(0);  // buffered: never blocks
                    } catch (const cc::panic& p) {
                        if (p.kind() == cc::panic_kind::send_on_closed) ++log.panics;
                        else ++log.other_exceptions;
                        break;
                    } catch (...) {
                        ++log.other_exceptions;
                        break;
                    }
                }
                wg.done();
            });
        for (int q = 0; q < sh.receivers; ++q)
            cc::go<S>("receiver " + std::to_string(q), [&, c, never, q] {
                auto& mine = received[static_cast<std::size_t>(q)];
                for (;;) {
                    cc::recv_result<int> got;
                    if (q % 2 == 0) got = c.recv();
                    else
                        cc::select(cc::on_recv(never), cc::on_recv(c, [&](int v, bool ok) { got = {v, ok}; }));
                    if (!got.ok) {
                        last_ok[static_cast<std::size_t>(q)] = got.value == 0 ? 0 : -1;
                        break;
                    }
                    mine.push_back(got.value);
                }
                wg.done();
            });
        threshold.recv();
        c.close();
        wg.wait();
    });
    if (r.how != outcome::completed) {
        ADD_FAILURE() << "round " << round << ": " << r.describe();
        ++failures;
        return;
    }

    std::vector<int> delivered, got;
    int bad_senders = 0;
    for (int s = 0; s < sh.senders; ++s) {
        const auto& log = senders[static_cast<std::size_t>(s)];
        delivered.insert(delivered.end(), log.delivered.begin(), log.delivered.end());
        const bool finished = log.delivered.size() == static_cast<std::size_t>(per_sender);
        // Either it sent everything, or it panicked exactly once; and what
        // it delivered is a prefix of its values.
        if (log.other_exceptions != 0 || (finished ? log.panics != 0 : log.panics != 1)) ++bad_senders;
        for (std::size_t j = 0; j < log.delivered.size(); ++j)
            if (log.delivered[j] != s * per_sender + static_cast<int>(j)) ++bad_senders;
    }
    for (const auto& mine : received) got.insert(got.end(), mine.begin(), mine.end());
    std::sort(delivered.begin(), delivered.end());
    std::sort(got.begin(), got.end());
    const bool no_duplicates = std::adjacent_find(got.begin(), got.end()) == got.end();
    const bool got_only_delivered = std::includes(delivered.begin(), delivered.end(), got.begin(), got.end());
    const bool reconciled = got == delivered;
    const bool receivers_saw_close =
        std::all_of(last_ok.begin(), last_ok.end(), [](int ok) { return ok == 0; });
    if (bad_senders || !no_duplicates || !got_only_delivered || !reconciled || !receivers_saw_close) {
        ADD_FAILURE() << "round " << round << " (capacity " << sh.capacity << ", " << sh.senders << " senders, "
                      << sh.receivers << " receivers): bad senders " << bad_senders << ", duplicates "
                      << !no_duplicates << ", received undelivered " << !got_only_delivered << ", delivered "
                      << delivered.size() << " received " << got.size() << ", receivers saw close "
                      << receivers_saw_close;
        ++failures;
    }
}

TEST(Stress, CloseRacesBlockedSendersAndReceivers) {
    int failures = 0;
    for (int round = 0; round < rounds && failures < 3; ++round) run_round(round, failures);
    EXPECT_EQ(failures, 0);
}

}  // namespace
