// Stress: 8 producers and 8 consumers over one channel lose, duplicate and reorder nothing.
#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cc = chancheck;
using S = cc::threads;
using outcome = S::run_result::outcome;

namespace {

constexpr int producers = 8;
constexpr int consumers = 8;
#if defined(__SANITIZE_THREAD__)
constexpr int total = 20'000;  // ThreadSanitizer slows every hand-off many times over
#else
constexpr int total = 100'000;
#endif
constexpr int per_producer = total / producers;

// Value v is the (v % per_producer)-th send of producer v / per_producer.
int producer_of(int v) { return v / per_producer; }
int seq_of(int v) { return v % per_producer; }

// What each consumer received, in its order of receipt.
std::vector<std::vector<int>> run_producers_consumers(long long capacity, int consumer_count) {
    std::vector<std::vector<int>> got(static_cast<std::size_t>(consumer_count));
    auto r = S::run([&] {
        auto values = cc::make_chan<int, S>(capacity, "values");
        cc::wait_group<S> producing, consuming;
        producing.add(producers);
        consuming.add(consumer_count);
        for (int p = 0; p < producers; ++p)
            cc::go<S>("producer " + std::to_string(p), [&, values, p] {
                for (int s = 0; s < per_producer; ++s) values.send(p * per_producer + s);
                producing.done();
            });
        for (int q = 0; q < consumer_count; ++q)
            cc::go<S>("consumer " + std::to_string(q), [&, values, q] {
                auto& mine = got[static_cast<std::size_t>(q)];
                for (int v : values) mine.push_back(v);
                consuming.done();
            });
        producing.wait();
        values.close();
        consuming.wait();
    });
    EXPECT_EQ(r.how, outcome::completed) << r.describe();
    return got;
}

void check_every_value_once_in_producer_order(const std::vector<std::vector<int>>& got) {
    std::vector<int> times(total, 0);
    int out_of_range = 0, reordered = 0;
    for (const auto& mine : got) {
        // Each producer sends in order and the channel is FIFO, so any one
        // consumer sees each producer's values in increasing order.
        std::vector<int> last(producers, -1);
        for (int v : mine) {
            if (v < 0 || v >= total) {
                ++out_of_range;
                continue;
            }
            ++times[static_cast<std::size_t>(v)];
            int& prev = last[static_cast<std::size_t>(producer_of(v))];
            if (seq_of(v) <= prev) ++reordered;
            prev = seq_of(v);
        }
    }
    int lost = 0, duplicated = 0;
    for (int t : times) {
        if (t == 0) ++lost;
        if (t > 1) ++duplicated;
    }
    EXPECT_EQ(out_of_range, 0);
    EXPECT_EQ(lost, 0);
    EXPECT_EQ(duplicated, 0);
    EXPECT_EQ(reordered, 0);
}

TEST(Stress, ProducersConsumersUnbuffered) {
    check_every_value_once_in_producer_order(run_producers_consumers(0, consumers));
}

TEST(Stress, ProducersConsumersBuffered) {
    check_every_value_once_in_producer_order(run_producers_consumers(64, consumers));
}

TEST(Stress, ProducersConsumersBufferOfOne) {
    check_every_value_once_in_producer_order(run_producers_consumers(1, consumers));
}

TEST(Stress, ProducersToOneConsumerKeepEachProducersOrder) {
    // With a single consumer the receive order is the channel's order.
    check_every_value_once_in_producer_order(run_producers_consumers(16, 1));
}

}  // namespace
