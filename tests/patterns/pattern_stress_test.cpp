// The patterns in their correct configurations, under load on real threads:
// every requester gets its own answer and nothing is lost.
#include <chancheck/chancheck.hpp>
#include <chancheck/patterns/reply_channel.hpp>
#include <chancheck/patterns/route_table.hpp>
#include <chancheck/patterns/session_callback.hpp>
#include <chancheck/patterns/shared_channels.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <atomic>

namespace chancheck {
namespace {

using S = threads;

#if defined(__SANITIZE_THREAD__)
constexpr int requesters = 16;
constexpr int requests_each = 100;
#else
constexpr int requesters = 64;
constexpr int requests_each = 1000;
#endif

struct tally {
    std::atomic<long> misrouted{0};
    std::atomic<long> answered{0};
};

// Every requester sends requests_each requests and checks each answer;
// coordinators count what they served.
template <class Pattern>
void load(const Pattern& p, int coordinators, tally& t) {
    wait_group<S> reqs, coords;
    coords.add(coordinators);
    for (int c = 0; c < coordinators; ++c)
        go<S>("coordinator", [&] {
            t.answered += p.serve([](int id) { return id; });
            coords.done();
        });
    reqs.add(requesters);
    for (int i = 0; i < requesters; ++i)
        go<S>("requester", [&, i] {
            for (int k = 0; k < requests_each; ++k)
                if (p.call(i) != i) ++t.misrouted;
            reqs.done();
        });
    reqs.wait();
    p.close_requests();
    coords.wait();
}

template <class Pattern>
void expect_clean(const Pattern& p, int coordinators) {
    tally t;
    auto r = S::run([&] { load(p, coordinators, t); }, {std::chrono::seconds(30), 1});
    ASSERT_TRUE(r.ok()) << r.describe();
    EXPECT_EQ(t.misrouted.load(), 0);
    EXPECT_EQ(t.answered.load(), long{requesters} * requests_each);
}

TEST(PatternStress, SharedChannelsUnbufferedOneCoordinatorRoutesEveryAnswer) {
    expect_clean(patterns::shared_channels<S, int, int>(0, 0), 1);
}

TEST(PatternStress, ReplyChannelRoutesEveryAnswerWithBufferingAndFourCoordinators) {
    expect_clean(patterns::reply_channel<S, int, int>(8), 4);
}

TEST(PatternStress, SessionCallbackRoutesEveryAnswer) {
    expect_clean(patterns::session_callback<S, int, int>(0), 1);
}

TEST(PatternStress, RouteTableOwnerSerialisesChangesFromManyClients) {
    constexpr int clients = 8, changes = 50;
    std::atomic<long> refused{0};
    patterns::route_log log;
    auto r = S::run(
        [&] {
            patterns::route_table_owner<S> owner;
            go<S>("owner", [owner] { owner.serve(); });
            wait_group<S> wg;
            wg.add(clients + 1);
            for (int c = 0; c < clients; ++c)
                go<S>("admin", [&, c] {
                    for (int j = 0; j < changes; ++j) {
                        const int prefix = 1000 + c;
                        auto kind = j % 2 == 0 ? patterns::change_kind::add : patterns::change_kind::remove;
                        if (!owner.change({kind, prefix, c})) ++refused;
                    }
                    wg.done();
                });
            go<S>("metrics", [&] {
                for (int k = 0; k < 2000; ++k) owner.route_metric((1000 + k % clients) * 100);
                wg.done();
            });
            wg.wait();
            owner.stop();
            log = owner.finish();
        },
        {std::chrono::seconds(30), 1});
    ASSERT_TRUE(r.ok()) << r.describe();
    EXPECT_EQ(refused.load(), 0);
    EXPECT_EQ(log.changes.size(), std::size_t{clients} * changes);
    EXPECT_EQ(log.metrics.size(), 2000u);
}

}  // namespace
}  // namespace chancheck
