// Stress: many goroutines selecting sends and receives across 4 channels; every value is received exactly once.
#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace cc = chancheck;
using S = cc::threads;
using outcome = S::run_result::outcome;

namespace {

constexpr int producers = 4;  // select over 4 sends
constexpr int hybrids = 4;    // select over 4 sends and 4 receives
constexpr int consumers = 4;  // select over 4 receives until all are closed
constexpr int senders = producers + hybrids;
#if defined(__SANITIZE_THREAD__)
constexpr int per_sender = 3'000;
#else
constexpr int per_sender = 10'000;
#endif
constexpr int total = senders * per_sender;

using channels = std::array<cc::chan<int, S>, 4>;

int sender_of(int v) { return v / per_sender; }

TEST(Stress, SelectOverFourChannelsConservesValues) {
    // received[g]: what goroutine g took; hybrids first, then consumers.
    std::vector<std::vector<int>> received(hybrids + consumers);
    std::vector<int> sent(senders, 0);
    std::vector<int> self_paired(hybrids, 0);
    auto r = S::run([&] {
        // Two unbuffered and two buffered channels: both hand-off paths.
        channels ch{cc::make_chan<int, S>(0, "c0"), cc::make_chan<int, S>(0, "c1"), cc::make_chan<int, S>(4, "c2"),
                    cc::make_chan<int, S>(4, "c3")};
        cc::wait_group<S> sending, draining;
        sending.add(senders);
        draining.add(consumers);
        for (int p = 0; p < producers; ++p)
            cc::go<S>("producer " + std::to_string(p), [&, ch, p] {
                for (int s = 0; s < per_sender; ++s) {
                    int v = p * per_sender + s;
                    cc::select(cc::on_send(ch[0], v), cc::on_send(ch[1], v), cc::on_send(ch[2], v),
                               cc::on_send(ch[3], v));
                    ++sent[static_cast<std::size_t>(p)];
                }
                sending.done();
            });
        for (int h = 0; h < hybrids; ++h)
            cc::go<S>("hybrid " + std::to_string(h), [&, ch, h] {
                const int id = producers + h;
                auto& mine = received[static_cast<std::size_t>(h)];
                int s = 0;
                // Its own send and receive on one channel must never pair
                // within one select: that would show as receiving the value
                // it is still offering. (An own value sent earlier may come
                // back through a buffer, which is fine.)
                auto take = [&](int v) {
                    if (sender_of(v) == id && v % per_sender >= s) ++self_paired[static_cast<std::size_t>(h)];
                    mine.push_back(v);
                };
                while (s < per_sender) {
                    int v = id * per_sender + s;
                    int k = cc::select(cc::on_send(ch[0], v), cc::on_recv(ch[0], take), cc::on_send(ch[1], v),
                                       cc::on_recv(ch[1], take), cc::on_send(ch[2], v), cc::on_recv(ch[2], take),
                                       cc::on_send(ch[3], v), cc::on_recv(ch[3], take));
                    if (k % 2 == 0) ++s;
                }
                sent[static_cast<std::size_t>(id)] = per_sender;
                sending.done();
            });
        for (int c = 0; c < consumers; ++c)
            cc::go<S>("consumer " + std::to_string(c), [&, ch, c] {
                auto& mine = received[static_cast<std::size_t>(hybrids + c)];
                channels open = ch;
                int closed = -1;
                auto handler = [&](int i) {
                    return [&, i](int v, bool ok) {
                        if (ok) mine.push_back(v);
                        else closed = i;
                    };
                };
                for (int left = 4; left > 0;) {
                    closed = -1;
                    cc::select(cc::on_recv(open[0], handler(0)), cc::on_recv(open[1], handler(1)),
                               cc::on_recv(open[2], handler(2)), cc::on_recv(open[3], handler(3)));
                    if (closed >= 0) {
                        open[static_cast<std::size_t>(closed)] = {};  // nil: never chosen again
                        --left;
                    }
                }
                draining.done();
            });
        sending.wait();
        for (auto& c : ch) c.close();
        draining.wait();
    });
    ASSERT_EQ(r.how, outcome::completed) << r.describe();

    std::vector<int> times(total, 0);
    int out_of_range = 0;
    for (const auto& mine : received)
        for (int v : mine) {
            if (v < 0 || v >= total) {
                ++out_of_range;
                continue;
            }
            ++times[static_cast<std::size_t>(v)];
        }
    int lost = 0, duplicated = 0;
    for (int t : times) {
        if (t == 0) ++lost;
        if (t > 1) ++duplicated;
    }
    EXPECT_EQ(sent, std::vector<int>(senders, per_sender));
    EXPECT_EQ(out_of_range, 0);
    EXPECT_EQ(lost, 0);
    EXPECT_EQ(duplicated, 0);
    EXPECT_EQ(self_paired, std::vector<int>(hybrids, 0));
    std::size_t hybrid_received = 0;
    for (int h = 0; h < hybrids; ++h) hybrid_received += received[static_cast<std::size_t>(h)].size();
    // Not a correctness property, but without it the test would not be
    // exercising mixed selects at all.
    EXPECT_GT(hybrid_received, 0u);
}

}  // namespace
