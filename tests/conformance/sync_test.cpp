// Go's sync package on the threads backend: WaitGroup, Mutex and writer-preferring RWMutex, and their panics.
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace conformance {
namespace {

using namespace std::chrono_literals;

TEST(WaitGroup, WaitReturnsAfterEveryDone) {
    constexpr int workers = 8;
    std::atomic<int> finished{0};
    int seen_at_wait = -1;
    expect_completes([&] {
        cc::wait_group<S> wg;
        wg.add(workers);
        for (int i = 0; i < workers; ++i)
            cc::go<S>("worker " + std::to_string(i), [&, i] {
                cc::sleep<S>(std::chrono::milliseconds(2 * i));
                ++finished;
                wg.done();
            });
        wg.wait();
        seen_at_wait = finished.load();
    });
    EXPECT_EQ(seen_at_wait, workers);
}

TEST(WaitGroup, WaitOnZeroCounterReturnsAtOnce) {
    int waits = 0;
    expect_completes([&] {
        cc::wait_group<S> wg;
        wg.wait();
        ++waits;
        wg.add(2);
        wg.done();
        wg.done();
        wg.wait();
        ++waits;
    });
    EXPECT_EQ(waits, 2);
}

TEST(WaitGroup, WaitBlocksWhileTheCounterIsPositive) {
    auto wg = std::make_shared<cc::wait_group<S>>();
    expect_completes([wg] { wg->add(1); });
    EXPECT_TRUE(parks([wg] { wg->wait(); }, "wait on WaitGroup"));
    expect_completes([wg] { wg->done(); });
    expect_completes([wg] { wg->wait(); });
}

TEST(WaitGroup, EveryWaiterIsReleased) {
    constexpr int waiters = 5;
    std::atomic<int> released{0};
    expect_completes([&] {
        cc::wait_group<S> gate, all;
        gate.add(1);
        all.add(waiters);
        for (int i = 0; i < waiters; ++i)
            cc::go<S>("waiter " + std::to_string(i), [&] {
                gate.wait();
                ++released;
                all.done();
            });
        cc::sleep<S>(20ms);
        gate.done();
        all.wait();
    });
    EXPECT_EQ(released, waiters);
}

TEST(WaitGroup, NegativeCounterPanics) {
    auto kind = panic_of([] {
        cc::wait_group<S> wg;
        wg.add(1);
        wg.done();
        wg.done();
    });
    EXPECT_EQ(kind, cc::panic_kind::negative_wait_group);
    EXPECT_EQ(panic_of([] {
                  cc::wait_group<S> wg;
                  wg.add(-1);
              }),
              cc::panic_kind::negative_wait_group);
}

TEST(WaitGroup, UncaughtNegativeCounterFailsTheRunWithGosMessage) {
    auto r = S::run([] {
        cc::go<S>("worker", [] {
            cc::wait_group<S> wg;
            wg.done();
        });
    });
    ASSERT_EQ(r.how, outcome::failed) << r.describe();
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0].goroutine(), "worker");
    EXPECT_TRUE(r.failures[0].is_panic());
    EXPECT_EQ(r.failures[0].message(), "sync: negative WaitGroup counter");
}

TEST(Mutex, ProvidesMutualExclusion) {
    constexpr int workers = 8, rounds = 2000;
    long counter = 0;
    std::atomic<int> inside{0};
    std::atomic<int> overlaps{0};
    expect_completes([&] {
        cc::mutex<S> mu;
        cc::wait_group<S> wg;
        wg.add(workers);
        for (int i = 0; i < workers; ++i)
            cc::go<S>("worker " + std::to_string(i), [&] {
                for (int j = 0; j < rounds; ++j) {
                    std::lock_guard g(mu);
                    if (inside.fetch_add(1) != 0) ++overlaps;
                    ++counter;  // plain data: ThreadSanitizer checks the lock orders it
                    inside.fetch_sub(1);
                }
                wg.done();
            });
        wg.wait();
    });
    EXPECT_EQ(counter, long{workers} * rounds);
    EXPECT_EQ(overlaps, 0);
}

TEST(Mutex, LockedMutexBlocksAnotherLocker) {
    std::atomic<bool> acquired{false};
    bool early = true;
    expect_completes([&] {
        cc::mutex<S> mu;
        auto done = cc::make_chan<int, S>(0, "done");
        mu.lock();
        cc::go<S>("locker", [&, done] {
            mu.lock();
            acquired = true;
            mu.unlock();
            done.send(0);
        });
        cc::sleep<S>(50ms);
        early = acquired.load();
        mu.unlock();
        done.recv();
    });
    EXPECT_FALSE(early);
    EXPECT_TRUE(acquired);
}

TEST(Mutex, UnlockedByAnotherGoroutine) {
    // Go's Mutex belongs to no goroutine: any one may unlock it.
    bool relocked = false;
    expect_completes([&] {
        cc::mutex<S> mu;
        mu.lock();
        auto done = cc::make_chan<int, S>(0, "done");
        cc::go<S>("unlocker", [&, done] {
            mu.unlock();
            done.send(0);
        });
        done.recv();
        mu.lock();
        relocked = true;
        mu.unlock();
    });
    EXPECT_TRUE(relocked);
}

TEST(Mutex, UnlockOfUnlockedMutexPanics) {
    EXPECT_EQ(panic_of([] {
                  cc::mutex<S> mu;
                  mu.unlock();
              }),
              cc::panic_kind::unlock_of_unlocked);
    EXPECT_EQ(panic_of([] {
                  cc::mutex<S> mu;
                  mu.lock();
                  mu.unlock();
                  mu.unlock();
              }),
              cc::panic_kind::unlock_of_unlocked);
}

TEST(RWMutex, ReadersShareTheLock) {
    bool both_inside = false;
    expect_completes([&] {
        cc::rw_mutex<S> rw;
        cc::wait_group<S> wg;
        auto inside = cc::make_chan<int, S>(0, "inside");
        rw.rlock();
        wg.add(1);
        cc::go<S>("reader", [&, inside] {
            {
                std::shared_lock g(rw);
                inside.send(1);  // while main still holds its read lock
            }
            wg.done();
        });
        both_inside = inside.recv().ok;
        rw.runlock();
        wg.wait();  // rw lives on this stack: the reader must be done with it
    });
    EXPECT_TRUE(both_inside);
}

TEST(RWMutex, WriterExcludesReadersAndWriters) {
    std::atomic<int> entered{0};
    int early = -1;
    expect_completes([&] {
        cc::rw_mutex<S> rw;
        cc::wait_group<S> wg;
        rw.lock();
        wg.add(2);
        cc::go<S>("reader", [&] {
            rw.rlock();
            ++entered;
            rw.runlock();
            wg.done();
        });
        cc::go<S>("writer", [&] {
            {
                std::lock_guard g(rw);
                ++entered;
            }
            wg.done();
        });
        cc::sleep<S>(50ms);
        early = entered.load();
        rw.unlock();
        wg.wait();
    });
    EXPECT_EQ(early, 0);
    EXPECT_EQ(entered, 2);
}

TEST(RWMutex, WaitingWriterBlocksNewReaders) {
    // Shared: the parked goroutines still use it after the test's last program returns.
    auto rw = std::make_shared<cc::rw_mutex<S>>();
    auto order = cc::make_chan<std::string, S>(2, "order");
    expect_completes([rw] { rw->rlock(); });
    // A writer queues behind the reader...
    ASSERT_TRUE(parks(
        [rw, order] {
            rw->lock();
            order.send("writer");
            rw->unlock();
        },
        "lock on RWMutex"));
    // ...and a new reader must now queue behind the writer, although only
    // readers hold the lock.
    ASSERT_TRUE(parks(
        [rw, order] {
            rw->rlock();
            order.send("reader");
            rw->runlock();
        },
        "rlock on RWMutex"));
    std::vector<std::string> got;
    expect_completes([&] {
        rw->runlock();
        got.push_back(order.recv().value);
        got.push_back(order.recv().value);
    });
    EXPECT_EQ(got, (std::vector<std::string>{"writer", "reader"}));
}

TEST(RWMutex, ReadersQueuedBehindAWriterGoBeforeTheNextWriter) {
    // Shared: the parked goroutines still use it after the test's last program returns.
    auto rw = std::make_shared<cc::rw_mutex<S>>();
    auto order = cc::make_chan<std::string, S>(4, "order");
    expect_completes([rw] { rw->lock(); });
    ASSERT_TRUE(parks(
        [rw, order] {
            rw->rlock();
            order.send("reader");
            rw->runlock();
        },
        "rlock on RWMutex"));
    ASSERT_TRUE(parks(
        [rw, order] {
            rw->lock();
            order.send("writer");
            rw->unlock();
        },
        "lock on RWMutex"));
    std::vector<std::string> got;
    expect_completes([&] {
        rw->unlock();
        got.push_back(order.recv().value);
        got.push_back(order.recv().value);
    });
    EXPECT_EQ(got, (std::vector<std::string>{"reader", "writer"}));
}

TEST(RWMutex, UnlockOfUnlockedPanics) {
    EXPECT_EQ(panic_of([] {
                  cc::rw_mutex<S> rw;
                  rw.runlock();
              }),
              cc::panic_kind::runlock_of_unlocked);
    EXPECT_EQ(panic_of([] {
                  cc::rw_mutex<S> rw;
                  rw.unlock();
              }),
              cc::panic_kind::rw_unlock_of_unlocked);
    EXPECT_EQ(panic_of([] {
                  cc::rw_mutex<S> rw;
                  rw.rlock();
                  rw.unlock();  // a read lock is not a write lock
              }),
              cc::panic_kind::rw_unlock_of_unlocked);
}

}  // namespace
}  // namespace conformance
