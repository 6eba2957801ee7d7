// The Go memory model's happens-before rules for locks (Mutex, RWMutex, a
// buffered channel used as a semaphore) and WaitGroup, each next to a
// program that lacks the edge: plain data (`shared<T, S>`) is race-free with
// the rule and a data race without it. Each CONFORMANCE_CASE has a Go twin
// (go/twins/memory_sync.go) that Go's race detector judges the same way.
#include "outcomes.hpp"

#include <chancheck/chancheck.hpp>

#include <memory>
#include <string>

namespace conformance {
namespace {

namespace cc = chancheck;

constexpr auto race_free = race_check::race_free;
constexpr auto racy = race_check::racy;

CONFORMANCE_CASE(mutex_orders, {.name = "memory.mutex_unlock_happens_before_the_next_lock", .rule = "Memory model: for a sync.Mutex, call n of Unlock is synchronized before call m of Lock returns, n < m", .allowed = {"2 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    cc::mutex<S> mu;
    cc::wait_group<S> wg;
    wg.add(2);
    for (std::string name : {"w1", "w2"})
        cc::go<S>(name, [&] {
            mu.lock();
            x.write() += 1;
            mu.unlock();
            wg.done();
        });
    wg.wait();
    out.print(x.read());
}

CONFORMANCE_CASE(outside_mutex, {.name = "memory.access_outside_the_mutex_races", .rule = "Memory model: a Mutex orders only the accesses made while holding it", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    cc::mutex<S> mu;
    cc::wait_group<S> wg;
    wg.add(2);
    cc::go<S>("locked", [&] {
        mu.lock();
        x.write() += 1;
        mu.unlock();
        wg.done();
    });
    cc::go<S>("unlocked", [&] {
        x.write() += 1;
        wg.done();
    });
    wg.wait();
}

// Whichever comes first, the writer's Unlock orders it before the
// reader's RLock, or the reader's RUnlock before the writer's Lock.
CONFORMANCE_CASE(rw_orders, {.name = "memory.rwmutex_orders_a_writer_with_a_reader", .rule = "Memory model: for a sync.RWMutex, Unlock is synchronized before a later RLock returns, and RUnlock before the next Lock returns", .allowed = {"r: 0 / ok", "r: 1 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    cc::rw_mutex<S> rw;
    cc::wait_group<S> wg;
    wg.add(2);
    cc::go<S>("w", [&] {
        rw.lock();
        x.write() = 1;
        rw.unlock();
        wg.done();
    });
    cc::go<S>("r", [&] {
        rw.rlock();
        out.in("r").print(x.read());
        rw.runlock();
        wg.done();
    });
    wg.wait();
}

CONFORMANCE_CASE(read_without_rlock, {.name = "memory.read_without_rlock_races", .rule = "Memory model: an RWMutex orders a read only when the reader holds the read lock", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    cc::rw_mutex<S> rw;
    cc::wait_group<S> wg;
    wg.add(2);
    cc::go<S>("w", [&] {
        rw.lock();
        x.write() = 1;
        rw.unlock();
        wg.done();
    });
    cc::go<S>("r", [&] {
        x.read();
        wg.done();
    });
    wg.wait();
}

CONFORMANCE_CASE(readers_and_writer, {.name = "memory.rwmutex_readers_each_ordered_with_the_writer", .rule = "Memory model: readers holding an RWMutex together are each ordered with the writer", .allowed = {"r1: 0; r2: 0 / ok", "r1: 0; r2: 1 / ok", "r1: 1; r2: 0 / ok", "r1: 1; r2: 1 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    cc::rw_mutex<S> rw;
    cc::wait_group<S> wg;
    wg.add(3);
    for (std::string name : {"r1", "r2"})
        cc::go<S>(name, [&, name] {
            rw.rlock();
            out.in(name).print(x.read());
            rw.runlock();
            wg.done();
        });
    rw.lock();
    x.write() = 1;
    rw.unlock();
    wg.done();
    wg.wait();
}

CONFORMANCE_CASE(writes_under_rlock, {.name = "memory.writes_under_rlock_race", .rule = "Memory model: read locks do not order their holders with each other", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    cc::rw_mutex<S> rw;
    cc::wait_group<S> wg;
    wg.add(2);
    for (std::string name : {"w1", "w2"})
        cc::go<S>(name, [&] {
            rw.rlock();
            x.write() += 1;
            rw.runlock();
            wg.done();
        });
    wg.wait();
}

CONFORMANCE_CASE(done_before_wait, {.name = "memory.wait_group_done_happens_before_wait_returns", .rule = "sync.WaitGroup: a call to Done is synchronized before the return of any Wait call that it unblocks", .allowed = {"3 / ok"}, .race = race_free}) {
    cc::shared<int, S> a, b;
    cc::wait_group<S> wg;
    wg.add(2);
    cc::go<S>("a", [&] {
        a.write() = 1;
        wg.done();
    });
    cc::go<S>("b", [&] {
        b.write() = 2;
        wg.done();
    });
    wg.wait();
    out.print(a.read() + b.read());
}

// The worker writes after Done, possibly after main has returned: the data
// lives on the heap.
CONFORMANCE_CASE(write_after_done, {.name = "memory.write_after_done_races", .rule = "sync.WaitGroup: what a goroutine does after Done is not ordered before Wait's return", .allowed = {"data race"}, .race = racy}) {
    auto x = std::make_shared<cc::shared<int, S>>();
    auto wg = std::make_shared<cc::wait_group<S>>();
    wg->add(1);
    cc::go<S>("worker", [x, wg] {
        wg->done();
        x->write() = 1;
    });
    wg->wait();
    x->read();
}

// Capacity 1: at most one goroutine is between its send and its receive.
CONFORMANCE_CASE(semaphore, {.name = "memory.channel_semaphore_guards_data", .rule = "Memory model: the kth receive on a channel with capacity C is synchronized before the k+Cth send completes, so a buffered channel is a counting semaphore", .allowed = {"2 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    auto sem = cc::make_chan<int, S>(1, "sem");
    cc::wait_group<S> wg;
    wg.add(2);
    for (std::string name : {"w1", "w2"})
        cc::go<S>(name, [&, sem] {
            sem.send(0);
            x.write() += 1;
            sem.recv();
            wg.done();
        });
    wg.wait();
    out.print(x.read());
}

CONFORMANCE_CASE(semaphore_of_two, {.name = "memory.semaphore_with_room_for_two_races", .rule = "Memory model: a semaphore of capacity 2 lets two goroutines in at once, unordered", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    auto sem = cc::make_chan<int, S>(2, "sem");
    cc::wait_group<S> wg;
    wg.add(2);
    for (std::string name : {"w1", "w2"})
        cc::go<S>(name, [&, sem] {
            sem.send(0);
            x.write() += 1;
            sem.recv();
            wg.done();
        });
    wg.wait();
}

}  // namespace
}  // namespace conformance
