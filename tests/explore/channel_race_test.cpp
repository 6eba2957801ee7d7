// A send and a close of one channel must be ordered: Go's race detector
// reports them otherwise (chan.go: chansend reads the channel, closechan
// writes it), also where the sender waits on the channel when it is closed.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include <gtest/gtest.h>

#include <string>

namespace chancheck {
namespace {

using S = explore;

check_result check_it(void (*program)()) {
    explore_options o;
    return run_explorer(program, o);
}

void recovering_send(chan<int, S> c) {
    try {
        c.send(1);
    } catch (const panic&) {
    }
}

TEST(ChannelRace, AnUnorderedSendAndCloseRace) {
    check_result r = check_it([] {
        auto c = make_chan<int, S>(1, "c");
        auto done = make_chan<int, S>(0, "done");
        go<S>("sender", [c, done] {
            recovering_send(c);
            done.send(0);
        });
        c.close();
        done.recv();
    });
    ASSERT_TRUE(r.cx);
    EXPECT_EQ(r.cx->kind, "race");
    EXPECT_NE(r.cx->message.find("data race on c:"), std::string::npos) << r.cx->message;
}

TEST(ChannelRace, ASenderWaitingWhenTheChannelClosesRaces) {
    check_result r = check_it([] {
        auto c = make_chan<int, S>(0, "c");
        auto done = make_chan<int, S>(0, "done");
        go<S>("sender", [c, done] {
            recovering_send(c);
            done.send(0);
        });
        c.close();
        done.recv();
    });
    ASSERT_TRUE(r.cx);
    EXPECT_EQ(r.cx->kind, "race");
}

TEST(ChannelRace, ASendOrderedBeforeTheCloseDoesNot) {
    check_result r = check_it([] {
        auto c = make_chan<int, S>(1, "c");
        auto done = make_chan<int, S>(0, "done");
        go<S>("sender", [c, done] {
            c.send(1);
            done.send(0);
        });
        done.recv();
        c.close();
    });
    EXPECT_EQ(r.outcome, verdict::proved) << (r.cx ? r.cx->message : "");
}

// The sender saw the close (a receive from the closed channel): its send
// panics, and that is all.
TEST(ChannelRace, ASendAfterSeeingTheCloseOnlyPanics) {
    check_result r = check_it([] {
        auto c = make_chan<int, S>(0, "c");
        auto done = make_chan<int, S>(0, "done");
        go<S>("sender", [c, done] {
            c.recv();
            c.send(1);
            done.send(0);
        });
        c.close();
        done.recv();
    });
    ASSERT_TRUE(r.cx);
    EXPECT_EQ(r.cx->kind, "panic");
    EXPECT_NE(r.cx->message.find("send on closed channel"), std::string::npos);
}

}  // namespace
}  // namespace chancheck
