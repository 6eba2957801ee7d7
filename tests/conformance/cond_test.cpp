// Go's sync.Cond on the threads backend: Wait releases the mutex and holds it
// again on return, Signal wakes one waiter and Broadcast all, and a Signal
// with nobody waiting is lost (which is why Go code waits in a loop).
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

namespace conformance {
namespace {

using namespace std::chrono_literals;

TEST(Cond, WaitReleasesTheMutexAndHoldsItAgainOnReturn) {
    bool ready = false;
    bool held_on_return = false;
    expect_completes([&] {
        cc::mutex<S> mu;
        cc::cond<S> cv(mu);
        auto done = cc::make_chan<int, S>(0, "done");
        cc::go<S>("setter", [&, done] {
            mu.lock();  // only possible while main waits
            ready = true;
            cv.signal();
            mu.unlock();
            done.send(0);
        });
        mu.lock();
        while (!ready) cv.wait();
        // Locked again: an unlock must succeed, a second one panics.
        mu.unlock();
        try {
            mu.unlock();
        } catch (const cc::panic&) {
            held_on_return = true;
        }
        done.recv();
    });
    EXPECT_TRUE(ready);
    EXPECT_TRUE(held_on_return);
}

TEST(Cond, BroadcastWakesEveryWaiter) {
    constexpr int waiters = 6;
    int woken = 0;
    expect_completes([&] {
        cc::mutex<S> mu;
        cc::cond<S> cv(mu);
        cc::wait_group<S> wg;
        int queued = 0;
        bool go_ahead = false;
        wg.add(waiters);
        for (int i = 0; i < waiters; ++i)
            cc::go<S>("waiter " + std::to_string(i), [&] {
                {
                    std::lock_guard g(mu);
                    ++queued;
                    while (!go_ahead) cv.wait();
                    ++woken;
                }
                // Only after unlocking: once the count reaches zero main
                // returns, and mu, cv and wg, which live in its frame, are gone.
                wg.done();
            });
        for (;;) {
            std::lock_guard g(mu);
            if (queued == waiters) break;
            cc::sleep<S>(1ms);
        }
        {
            std::lock_guard g(mu);
            go_ahead = true;
            cv.broadcast();
        }
        wg.wait();
    });
    EXPECT_EQ(woken, waiters);
}

TEST(Cond, SignalWakesOneWaiterOnly) {
    auto mu = std::make_shared<cc::mutex<S>>();
    auto cv = std::make_shared<cc::cond<S>>(*mu);
    auto woken = std::make_shared<int>(0);
    // Two waiters queue; one signal; the program stalls with one still waiting.
    auto r = S::run(
        [=] {
            for (int i = 0; i < 2; ++i)
                cc::go<S>("waiter " + std::to_string(i), [=] {
                    mu->lock();
                    cv->wait();
                    ++*woken;
                    mu->unlock();
                });
            cc::sleep<S>(50ms);
            mu->lock();
            cv->signal();
            mu->unlock();
            cc::sleep<S>(50ms);
        },
        stall_fast());
    // The second waiter never wakes: the run ends stalled on it.
    EXPECT_EQ(r.how, outcome::stalled) << r.describe();
    EXPECT_EQ(*woken, 1);
    int still_waiting = 0;
    for (const auto& g : r.alive) still_waiting += g.blocked && g.waiting_on.find("wait on Cond") != std::string::npos;
    EXPECT_EQ(still_waiting, 1) << r.describe();
}

TEST(Cond, ASignalWithNobodyWaitingIsLost) {
    auto mu = std::make_shared<cc::mutex<S>>();
    auto cv = std::make_shared<cc::cond<S>>(*mu);
    EXPECT_TRUE(parks(
        [=] {
            cv->signal();
            mu->lock();
            cv->wait();
        },
        "wait on Cond"));
}

TEST(Cond, WaitWithoutTheMutexPanicsAndLeavesNoWaiter) {
    EXPECT_EQ(panic_of([] {
                  cc::mutex<S> mu;
                  cc::cond<S> cv(mu);
                  cv.wait();
              }),
              cc::panic_kind::unlock_of_unlocked);
}

}  // namespace
}  // namespace conformance
