// The Go memory model's happens-before rules for channels and go
// statements, each next to a program that lacks the edge: plain data
// (`shared<T, S>`) read or written on both sides is race-free with the
// rule, a data race without it. Each CONFORMANCE_CASE has a Go twin
// (go/twins/memory.go) that Go's race detector judges the same way; on
// threads the race-free ones run under ThreadSanitizer in the tsan preset.
// memory_sync_test.cpp has the rules for Mutex, RWMutex and WaitGroup.
#include "outcomes.hpp"
#include "programs.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace conformance {
namespace {

using namespace std::chrono_literals;

constexpr auto race_free = race_check::race_free;
constexpr auto racy = race_check::racy;

CONFORMANCE_CASE(go_before_start, {.name = "memory.go_statement_happens_before_the_goroutine", .rule = "Memory model: the go statement that starts a goroutine is synchronized before the goroutine's execution begins", .allowed = {"1 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    auto done = cc::make_chan<int, S>(0, "done");
    x.write() = 1;
    cc::go<S>("reader", [&x, done] { done.send(x.read()); });
    out.print(done.recv().value);
}

CONFORMANCE_CASE(write_after_go, {.name = "memory.write_after_the_go_statement_races", .rule = "Memory model: a write after the go statement is not ordered with the new goroutine's read", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("reader", [&x, done] { done.send(x.read()); });
    x.write() = 1;
    done.recv();
}

// Main does not wait for the writer: chancheck's main, a test function,
// lets it run on after main returns, so the data lives on the heap.
CONFORMANCE_CASE(exit_not_synchronized, {.name = "memory.goroutine_exit_is_not_synchronized", .rule = "Memory model: the exit of a goroutine is not guaranteed to be synchronized before any event", .allowed = {"data race"}, .race = racy}) {
    auto x = std::make_shared<cc::shared<int, S>>();
    cc::go<S>("writer", [x] { x->write() = 1; });
    cc::sleep<S>(1ms);
    x->read();
}

CONFORMANCE_CASE(buffered_send_before_recv, {.name = "memory.buffered_send_happens_before_the_receive", .rule = "Memory model: a send on a buffered channel is synchronized before the completion of the corresponding receive", .allowed = {"1 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    auto c = cc::make_chan<int, S>(1, "c");
    cc::go<S>("writer", [&x, c] {
        x.write() = 1;
        c.send(0);
    });
    c.recv();
    out.print(x.read());
}

CONFORMANCE_CASE(write_after_send, {.name = "memory.write_after_the_send_races", .rule = "Memory model: a write after a send is not ordered with what follows the receive", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    auto c = cc::make_chan<int, S>(1, "c");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("writer", [&x, c, done] {
        c.send(0);
        x.write() = 1;
        done.send(0);
    });
    c.recv();
    x.read();
    done.recv();
}

// The memory model's own example: with an unbuffered channel the receive
// is synchronized before the send completes.
CONFORMANCE_CASE(unbuffered_recv_before_send, {.name = "memory.unbuffered_receive_happens_before_the_send_completes", .rule = "Memory model: a receive from an unbuffered channel is synchronized before the completion of the corresponding send", .allowed = {"1 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    auto c = cc::make_chan<int, S>(0, "c");
    cc::go<S>("receiver", [&x, c] {
        x.write() = 1;
        c.recv();
    });
    c.send(0);
    out.print(x.read());
}

CONFORMANCE_CASE(buffered_recv_not_before_send, {.name = "memory.buffered_receive_does_not_order_the_send", .rule = "Memory model: with a buffer, the send completes without the receive, so the receive orders nothing before it", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    auto c = cc::make_chan<int, S>(1, "c");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("receiver", [&x, c, done] {
        x.write() = 1;
        c.recv();
        done.send(0);
    });
    c.send(0);
    x.read();
    done.recv();
}

// With capacity 1 the second send waits for the first receive.
CONFORMANCE_CASE(kth_recv_before_send, {.name = "memory.kth_receive_happens_before_the_send_cap_later", .rule = "Memory model: the kth receive on a channel with capacity C is synchronized before the completion of the k+Cth send", .allowed = {"1 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    auto c = cc::make_chan<int, S>(1, "c");
    auto done = cc::make_chan<int, S>(1, "done");
    cc::go<S>("receiver", [&x, c, done] {
        x.write() = 1;
        c.recv();
        done.send(0);
    });
    c.send(0);
    c.send(0);
    out.print(x.read());
    done.recv();
}

CONFORMANCE_CASE(send_within_cap, {.name = "memory.send_within_capacity_is_not_ordered_after_a_receive", .rule = "Memory model: a send that finds room in the buffer waits for no receive, so none is ordered before it", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    auto c = cc::make_chan<int, S>(2, "c");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("receiver", [&x, c, done] {
        x.write() = 1;
        c.recv();
        done.send(0);
    });
    c.send(0);
    c.send(0);
    x.read();
    done.recv();
}

CONFORMANCE_CASE(close_before_recv, {.name = "memory.close_happens_before_a_receive_that_sees_it", .rule = "Memory model: the closing of a channel is synchronized before a receive that returns because the channel is closed", .allowed = {"r: false 1 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    auto c = cc::make_chan<int, S>(0, "c");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("r", [&out, &x, c, done] {
        bool ok = c.recv().ok;
        out.in("r").print(ok, " ", x.read());
        done.send(0);
    });
    x.write() = 1;
    c.close();
    done.recv();
}

// The receive gets the buffered value, not the close: nothing orders the
// write after the send with the read.
CONFORMANCE_CASE(buffered_value_after_close, {.name = "memory.receive_of_a_buffered_value_is_not_ordered_after_close", .rule = "Memory model: only a receive that returns because the channel is closed is synchronized after the close", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    auto c = cc::make_chan<int, S>(1, "c");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("r", [&x, c, done] {
        c.recv();
        x.read();
        done.send(0);
    });
    c.send(1);
    x.write() = 1;
    c.close();
    done.recv();
}

CONFORMANCE_CASE(select_both_ways, {.name = "memory.select_hand_over_is_ordered_both_ways", .rule = "Memory model: a communication in a select case is ordered as the same send or receive outside select", .allowed = {"1; r: 1 / ok"}, .race = race_free}) {
    cc::shared<int, S> forward, backward;
    auto c = cc::make_chan<int, S>(0, "c");
    auto no_sender = cc::make_chan<int, S>(0, "no sender");
    auto no_receiver = cc::make_chan<int, S>(0, "no receiver");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("r", [&, c, no_sender, done] {
        backward.write() = 1;
        cc::select(cc::on_recv(no_sender), cc::on_recv(c, [&] { out.in("r").print(forward.read()); }));
        done.send(0);
    });
    forward.write() = 1;
    cc::select(cc::on_send(c, 0), cc::on_send(no_receiver, 0));
    out.print(backward.read());
    done.recv();
}

CONFORMANCE_CASE(write_after_select_send, {.name = "memory.write_after_a_select_send_races", .rule = "Memory model: a write after a select's send is not ordered with what follows the receive", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    auto c = cc::make_chan<int, S>(1, "c");
    auto never = cc::make_chan<int, S>(0, "never");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("r", [&x, c, never, done] {
        cc::select(cc::on_recv(never), cc::on_recv(c, [&] { x.read(); }));
        done.send(0);
    });
    cc::select(cc::on_send(c, 0), cc::on_recv(never));
    x.write() = 1;
    done.recv();
}

CONFORMANCE_CASE(transitive, {.name = "memory.happens_before_is_transitive", .rule = "Memory model: happens-before is the transitive closure of sequenced-before and synchronized-before", .allowed = {"1 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    auto a = cc::make_chan<int, S>(0, "a");
    auto b = cc::make_chan<int, S>(0, "b");
    cc::go<S>("first", [&x, a] {
        x.write() = 1;
        a.send(0);
    });
    cc::go<S>("second", [a, b] {
        a.recv();
        b.send(0);
    });
    b.recv();
    out.print(x.read());
}

// Main meets the second goroutine before that one meets the first, so the
// first's write is not ordered before main's read.
CONFORMANCE_CASE(order_along_communications, {.name = "memory.order_runs_only_along_communications", .rule = "Memory model: happens-before follows communications in the order they happen, not backwards", .allowed = {"data race"}, .race = racy}) {
    cc::shared<int, S> x;
    auto a = cc::make_chan<int, S>(1, "a");
    auto b = cc::make_chan<int, S>(0, "b");
    auto done = cc::make_chan<int, S>(1, "done");
    cc::go<S>("first", [&x, a] {
        x.write() = 1;
        a.send(0);
    });
    cc::go<S>("second", [a, b, done] {
        b.send(0);
        a.recv();
        done.send(0);
    });
    b.recv();
    x.read();
    done.recv();
}

CONFORMANCE_CASE(concurrent_reads, {.name = "memory.concurrent_reads_do_not_race", .rule = "Memory model: a data race needs a write; reads of data written before the go statements are race-free", .allowed = {"r1: 1; r2: 1 / ok"}, .race = race_free}) {
    cc::shared<int, S> x;
    auto done = cc::make_chan<int, S>(0, "done");
    x.write() = 1;
    for (std::string name : {"r1", "r2"})
        cc::go<S>(name, [&out, &x, done, name] {
            out.in(name).print(x.read());
            done.send(0);
        });
    done.recv();
    done.recv();
}

// Not an outcome set: a move-only value, and the heap data it owns, change
// hands through channels many times.
struct payload {
    std::vector<int> items;
    std::string note;
};

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
        auto p = std::make_unique<payload>(payload{{0, 1, 2}, "item 0"});
        for (int i = 0; i < 300; ++i) {
            to_worker.send(std::move(p));
            p = back.recv().value;
            if (p->items.size() != static_cast<std::size_t>(4 + i)) ++bad;
        }
        to_worker.close();
    });
    EXPECT_EQ(bad, 0);
}

}  // namespace
}  // namespace conformance
