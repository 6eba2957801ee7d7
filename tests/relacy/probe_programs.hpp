// Probe programs for the channel implementation's mutation tests
// (probe_test.cpp, mutants.cmake): small Go-style programs, written over a
// backend S like the models, that drive the lock-based runtime through the
// paths a broken lock, parker, channel or select gets wrong, and check their
// own results with expect<S>. Built against the real runtime Relacy must find
// nothing in them; built against each mutant it must find something.
//
// Each stays at four goroutines or fewer, main included, so it runs at the
// size-8 build with room to spare, and each ends: by the time main returns
// no other goroutine has anything left to block on (one still blocked then
// is reported as a leak).
//
//   probes::ping_pong<chancheck::relacy>();   // inside a Relacy simulation
#pragma once

#include <chancheck/chancheck.hpp>

#include <memory>
#include <string>

namespace chancheck::probes {

// Unbuffered hand-offs in both directions. Every operation parks at least
// once in some schedule, and each goroutine parks again right after being
// woken, which is when a late or lost futex wake-up shows.
template <class S>
void ping_pong() {
    auto ping = make_chan<int, S>(0, "ping");
    auto pong = make_chan<int, S>(0, "pong");
    go<S>("ponger", [ping, pong] {
        for (int round = 1; round <= 2; ++round) {
            const auto r = ping.recv();
            expect<S>(r.ok && r.value == round, "ping", [&] {
                return "round " + std::to_string(round) + " received " + std::to_string(r.value) + " ok=" +
                       std::to_string(r.ok);
            });
            pong.send(r.value * 10);
        }
    });
    for (int round = 1; round <= 2; ++round) {
        ping.send(round);
        const auto r = pong.recv();
        expect<S>(r.ok && r.value == round * 10, "pong", [&] {
            return "round " + std::to_string(round) + " received " + std::to_string(r.value) + " ok=" +
                   std::to_string(r.ok);
        });
    }
}

// Two senders on a buffer of one: the second sender to find the slot full
// waits as a sender does, and a receive that frees the slot moves a waiting
// sender's value in behind the taken one. Every value must arrive once, in
// its sender's order.
template <class S>
void buffered_fan_in() {
    auto c = make_chan<int, S>(1, "c");
    for (int id = 1; id <= 2; ++id)
        go<S>("sender " + std::to_string(id), [c, id] {
            for (int k = 1; k <= 2; ++k) c.send(id * 10 + k);
        });
    int next[3] = {0, 1, 1};  // the k each sender's next value must carry
    for (int n = 0; n < 4; ++n) {
        const auto r = c.recv();
        const int id = r.value / 10;
        const int k = r.value % 10;
        expect<S>(r.ok && (id == 1 || id == 2) && k == next[id], "fifo", [&] {
            return "receive " + std::to_string(n + 1) + " got " + std::to_string(r.value) + " ok=" +
                   std::to_string(r.ok);
        });
        ++next[id];
    }
}

// A select that blocks on two channels leaves a waiter on each; when one
// fires, the other must come off its queue before the select returns, for
// it lives in the select's stack frame. The second select lists the
// channels the other way round: a waiter the first one left behind sits
// where the second keeps its waiter for the *other* channel, so a sender
// that reaches the stale one fires the wrong case, or one that never got
// its value. Only selects touch these queues: a plain operation that met a
// stale waiter would read a dead stack frame and crash rather than fail a
// check.
template <class S>
void select_swapped() {
    auto a = make_chan<int, S>(0, "a");
    auto b = make_chan<int, S>(0, "b");
    go<S>("sender a", [a] { a.send(1); });
    go<S>("sender b", [b] { b.send(2); });
    int from_a = 0;
    int from_b = 0;
    auto take = [](int& into, int expected, const char* name) {
        return [&into, expected, name](int v, bool ok) {
            expect<S>(ok && v == expected && into == 0, "select", [&] {
                return std::string("case ") + name + " received " + std::to_string(v) + " ok=" + std::to_string(ok) +
                       (into ? " a second time" : "");
            });
            into = v;
        };
    };
    select(on_recv(a, take(from_a, 1, "a")), on_recv(b, take(from_b, 2, "b")));
    select(on_recv(b, take(from_b, 2, "b")), on_recv(a, take(from_a, 1, "a")));
}

// Close completes whoever waits on the channel: a blocked receive gets the
// zero value and ok=false, a blocked select case the same, and a blocked send
// panics.
template <class S>
void close_wakes() {
    struct state {
        wait_group<S> done;
    };
    auto st = std::make_shared<state>();
    auto c = make_chan<int, S>(0, "c");
    auto never = make_chan<int, S>(0, "never");
    auto out = make_chan<int, S>(0, "out");
    st->done.add(3);
    go<S>("receiver", [st, c] {
        const auto r = c.recv();
        expect<S>(!r.ok && r.value == 0, "closed recv",
                  [&] { return "received " + std::to_string(r.value) + " ok=" + std::to_string(r.ok); });
        st->done.done();
    });
    go<S>("selector", [st, c, never] {
        bool closed = false;
        select(on_recv(c, [&](int v, bool ok) { closed = !ok && v == 0; }), on_recv(never));
        expect<S>(closed, "closed select", "the select did not see c closed");
        st->done.done();
    });
    go<S>("sender", [st, out] {
        bool panicked = false;
        try {
            out.send(1);
        } catch (const panic& p) {
            panicked = p.kind() == panic_kind::send_on_closed;
        }
        expect<S>(panicked, "closed send", "a send on a channel closed under it returned normally");
        st->done.done();
    });
    c.close();
    out.close();
    st->done.wait();
}

// A Go mutex and a WaitGroup: contended lock hand-over parks and wakes
// through the same parker, and the counter is race-checked data.
template <class S>
void mutex_counter() {
    struct state {
        mutex<S> mu;
        wait_group<S> done;
        shared<int, S> counter;
    };
    auto st = std::make_shared<state>();
    st->done.add(3);
    for (int i = 0; i < 3; ++i)
        go<S>("worker " + std::to_string(i), [st] {
            st->mu.lock();
            st->counter.write() += 1;
            st->mu.unlock();
            st->done.done();
        });
    st->done.wait();
    st->mu.lock();
    const int n = st->counter.read();
    st->mu.unlock();
    expect<S>(n == 3, "count", [&] { return "3 increments counted " + std::to_string(n); });
}

// Message passing around a ring of three goroutines: main writes the
// payload before sending the token, each relay reads it after receiving,
// without a lock, so only the channels order those accesses (a hand-off
// without acquire/release is a data race on it). Three goroutines rather
// than two: a goroutine that is woken and parks again before its waker's
// futex wake-up lands needs the waker to stay unscheduled for some ten
// steps, and with two runnable threads Relacy's random scheduler (which
// then picks by one bit of a power-of-two LCG) was measured never to make
// such runs, while with three it does.
template <class S>
void relay_ring() {
    auto payload = std::make_shared<shared<int, S>>(0);
    auto c0 = make_chan<int, S>(0, "c0");
    auto c1 = make_chan<int, S>(0, "c1");
    auto c2 = make_chan<int, S>(0, "c2");
    auto relay = [payload](chan<int, S> in, chan<int, S> out) {
        for (int lap = 0; lap < 2; ++lap) {
            const auto r = in.recv();
            const int seen = payload->read();
            expect<S>(r.ok && r.value == lap && seen == lap, "relay", [&] {
                return "lap " + std::to_string(lap) + " received " + std::to_string(r.value) +
                       " ok=" + std::to_string(r.ok) + " with payload " + std::to_string(seen);
            });
            out.send(r.value);
        }
    };
    go<S>("relay 1", [relay, c0, c1] { relay(c0, c1); });
    go<S>("relay 2", [relay, c1, c2] { relay(c1, c2); });
    for (int lap = 0; lap < 2; ++lap) {
        payload->write() = lap;
        c0.send(lap);
        const auto r = c2.recv();
        expect<S>(r.ok && r.value == lap && payload->read() == lap, "ring", [&] {
            return "lap " + std::to_string(lap) + " came back as " + std::to_string(r.value) +
                   " ok=" + std::to_string(r.ok);
        });
    }
}

}  // namespace chancheck::probes
