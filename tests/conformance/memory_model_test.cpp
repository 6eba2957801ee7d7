// The Go memory model's happens-before rules for plain data handed over channels and sync types (run under tsan).
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

namespace conformance {
namespace {

// Plain, non-atomic data with heap parts, so that a missing happens-before
// edge shows up as a data race under ThreadSanitizer and as a torn value
// elsewhere.
struct payload {
    std::vector<int> items;
    std::string note;
};

payload make_payload(int i) { return {{i, i + 1, i + 2}, "item " + std::to_string(i)}; }

bool is_payload(const payload& p, int i) {
    return p.items == std::vector<int>{i, i + 1, i + 2} && p.note == "item " + std::to_string(i);
}

// Each slot is written by one goroutine and read by another, once: only the
// rule under test orders the two.
void check_send_before_receive(std::size_t capacity) {
    constexpr int n = 500;
    std::vector<payload> slots(n);
    int bad = 0;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(static_cast<long long>(capacity), "c");
        cc::go<S>("writer", [&, c] {
            for (int i = 0; i < n; ++i) {
                slots[static_cast<std::size_t>(i)] = make_payload(i);
                c.send(i);
            }
        });
        for (int i = 0; i < n; ++i) {
            int k = c.recv().value;
            if (k != i || !is_payload(slots[static_cast<std::size_t>(k)], k)) ++bad;
        }
    });
    EXPECT_EQ(bad, 0);
}

TEST(MemoryModel, UnbufferedSendHappensBeforeTheReceiveCompletes) { check_send_before_receive(0); }

TEST(MemoryModel, BufferedSendHappensBeforeTheReceiveCompletes) { check_send_before_receive(8); }

TEST(MemoryModel, UnbufferedReceiveHappensBeforeTheSendCompletes) {
    constexpr int n = 500;
    std::vector<payload> slots(n);
    int bad = 0;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        cc::go<S>("receiver", [&, c] {
            for (int i = 0; i < n; ++i) {
                slots[static_cast<std::size_t>(i)] = make_payload(i);
                c.recv();
            }
        });
        for (int i = 0; i < n; ++i) {
            c.send(i);
            if (!is_payload(slots[static_cast<std::size_t>(i)], i)) ++bad;
        }
    });
    EXPECT_EQ(bad, 0);
}

TEST(MemoryModel, KthReceiveHappensBeforeTheKPlusCthSendCompletes) {
    constexpr int capacity = 3, n = 500;
    std::vector<payload> slots(n + 1);
    int bad = 0;
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(capacity, "c");
        cc::go<S>("receiver", [&, c] {
            for (int k = 1; k <= n; ++k) {
                slots[static_cast<std::size_t>(k)] = make_payload(k);
                c.recv();  // the k-th receive
            }
        });
        for (int s = 1; s <= n; ++s) {
            c.send(s);  // the s-th send
            if (s > capacity && !is_payload(slots[static_cast<std::size_t>(s - capacity)], s - capacity)) ++bad;
        }
    });
    EXPECT_EQ(bad, 0);
}

TEST(MemoryModel, BufferedChannelAsSemaphoreGuardsPlainData) {
    constexpr int workers = 8, rounds = 500;
    cc::shared<long, S> counter;
    expect_completes([&] {
        // Capacity 1: at most one goroutine between its send and its receive.
        auto sem = cc::make_chan<int, S>(1, "sem");
        cc::wait_group<S> wg;
        wg.add(workers);
        for (int i = 0; i < workers; ++i)
            cc::go<S>("worker " + std::to_string(i), [&, sem] {
                for (int j = 0; j < rounds; ++j) {
                    sem.send(0);
                    counter.write() += 1;
                    sem.recv();
                }
                wg.done();
            });
        wg.wait();
    });
    EXPECT_EQ(counter.read(), long{workers} * rounds);
}

TEST(MemoryModel, CloseHappensBeforeAReceiveThatSeesIt) {
    constexpr int n = 200;
    std::vector<payload> slots(n);
    int bad = 0;
    expect_completes([&] {
        for (int i = 0; i < n; ++i) {
            auto c = cc::make_chan<int, S>(0, "c");
            auto done = cc::make_chan<int, S>(0, "done");
            cc::go<S>("reader", [&, c, done, i] {
                auto r = c.recv();
                if (r.ok || !is_payload(slots[static_cast<std::size_t>(i)], i)) ++bad;
                done.send(0);
            });
            slots[static_cast<std::size_t>(i)] = make_payload(i);
            c.close();
            done.recv();
        }
    });
    EXPECT_EQ(bad, 0);
}

TEST(MemoryModel, SelectHandOverIsOrderedBothWays) {
    constexpr int n = 300;
    std::vector<payload> forward(n), backward(n);
    std::atomic<int> bad{0};
    expect_completes([&] {
        auto c = cc::make_chan<int, S>(0, "c");
        // Cases that never fire, so that each select has more than one.
        auto no_sender = cc::make_chan<int, S>(0, "no sender");
        auto no_receiver = cc::make_chan<int, S>(0, "no receiver");
        cc::go<S>("receiver", [&, c, no_sender] {
            for (int i = 0; i < n; ++i) {
                backward[static_cast<std::size_t>(i)] = make_payload(-i);
                cc::select(cc::on_recv(no_sender), cc::on_recv(c, [&](int k) {
                               if (!is_payload(forward[static_cast<std::size_t>(k)], k)) ++bad;
                           }));
            }
        });
        for (int i = 0; i < n; ++i) {
            forward[static_cast<std::size_t>(i)] = make_payload(i);
            cc::select(cc::on_send(c, i), cc::on_send(no_receiver, -1));
            if (!is_payload(backward[static_cast<std::size_t>(i)], -i)) ++bad;
        }
    });
    EXPECT_EQ(bad, 0);
}

TEST(MemoryModel, OwnershipOfHeapDataMovesWithTheValue) {
    int bad = 0;
    expect_completes([&] {
        auto to_worker = cc::make_chan<std::unique_ptr<payload>, S>(1, "to worker");
        auto back = cc::make_chan<std::unique_ptr<payload>, S>(1, "back");
        cc::go<S>("worker", [to_worker, back] {
            // Not a range-for: it yields const elements, which cannot be moved on.
            for (auto r = to_worker.recv(); r.ok; r = to_worker.recv()) {
                r.value->items.push_back(-1);
                r.value->note += " done";
                back.send(std::move(r.value));
            }
        });
        auto p = std::make_unique<payload>(make_payload(0));
        for (int i = 0; i < 300; ++i) {
            to_worker.send(std::move(p));
            p = back.recv().value;
            if (p->items.size() != static_cast<std::size_t>(4 + i)) ++bad;
        }
        to_worker.close();
    });
    EXPECT_EQ(bad, 0);
}

TEST(MemoryModel, MutexUnlockHappensBeforeTheNextLock) {
    constexpr int workers = 6, rounds = 300;
    cc::shared<std::map<int, std::string>, S> table;
    expect_completes([&] {
        cc::mutex<S> mu;
        cc::wait_group<S> wg;
        wg.add(workers);
        for (int w = 0; w < workers; ++w)
            cc::go<S>("writer " + std::to_string(w), [&, w] {
                for (int j = 0; j < rounds; ++j) {
                    std::lock_guard g(mu);
                    table.write()[w * rounds + j] = std::to_string(j);
                }
                wg.done();
            });
        wg.wait();
    });
    EXPECT_EQ(table.read().size(), static_cast<std::size_t>(workers * rounds));
}

TEST(MemoryModel, RWMutexWriterHappensBeforeLaterReaders) {
    constexpr int readers = 4, rounds = 200;
    cc::shared<std::map<int, int>, S> table;
    std::atomic<int> bad{0};
    expect_completes([&] {
        cc::rw_mutex<S> rw;
        cc::wait_group<S> wg;
        wg.add(readers + 1);
        cc::go<S>("writer", [&] {
            for (int j = 1; j <= rounds; ++j) {
                std::lock_guard g(rw);
                table.write()[j] = j * j;
            }
            wg.done();
        });
        for (int r = 0; r < readers; ++r)
            cc::go<S>("reader " + std::to_string(r), [&] {
                int seen = 0;
                for (int j = 0; j < rounds; ++j) {
                    std::shared_lock g(rw);
                    const auto& t = table.read();
                    // The writer fills keys in order: what a reader sees is a prefix.
                    int size = static_cast<int>(t.size());
                    if (size < seen || (size > 0 && t.at(size) != size * size)) ++bad;
                    seen = size;
                }
                wg.done();
            });
        wg.wait();
    });
    EXPECT_EQ(bad, 0);
}

TEST(MemoryModel, WaitGroupDoneHappensBeforeWaitReturns) {
    constexpr int workers = 8;
    std::vector<payload> results(workers);
    int bad = 0;
    expect_completes([&] {
        cc::wait_group<S> wg;
        wg.add(workers);
        for (int i = 0; i < workers; ++i)
            cc::go<S>("worker " + std::to_string(i), [&, i] {
                results[static_cast<std::size_t>(i)] = make_payload(i);
                wg.done();
            });
        wg.wait();
        for (int i = 0; i < workers; ++i)
            if (!is_payload(results[static_cast<std::size_t>(i)], i)) ++bad;
    });
    EXPECT_EQ(bad, 0);
}

TEST(MemoryModel, GoStatementHappensBeforeTheGoroutineStarts) {
    payload before_go;
    bool good = false;
    expect_completes([&] {
        before_go = make_payload(3);
        auto done = cc::make_chan<bool, S>(0, "done");
        cc::go<S>("reader", [&, done] { done.send(is_payload(before_go, 3)); });
        good = done.recv().value;
    });
    EXPECT_TRUE(good);
}

}  // namespace
}  // namespace conformance
