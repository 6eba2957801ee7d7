// A connection pool with an owner goroutine, in Go's style: one goroutine
// owns the connections and is the only one that decides who gets which;
// clients ask for a connection over a request channel (each request carries
// its own reply channel) and give it back over a return channel.
//
//   connection_pool<S> pool(/*connections=*/2);
//   chancheck::go<S>("pool owner", [pool] { pool.serve(); });
//   int c = pool.acquire();   // blocks while every connection is out
//   ...                       // use connection c, alone
//   pool.release(c);
//   pool.close();             // stops the owner and waits for it
//
// Written once as a template over the backend S, so the same code runs on
// real threads and under chancheck's explorer.
#pragma once

#include <chancheck/chancheck.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace pool_example {

template <chancheck::Sync S>
class connection_pool {
public:
    // Connections are numbered 0..connections-1.
    //
    // `round_robin_bug` makes the owner hand connections out in turn (0, 1,
    // 2, 0, ...) and only count how many are idle, trusting that the one it
    // handed out longest ago is back by the time its turn comes again. That
    // holds while clients return connections in the order they got them; when
    // one returns early, the next client is handed a connection someone
    // else still holds.
    explicit connection_pool(int connections, bool round_robin_bug = false)
        : connections_(connections),
          round_robin_bug_(round_robin_bug),
          requests_(chancheck::make_chan<chancheck::chan<int, S>, S>(0, "acquire")),
          returns_(chancheck::make_chan<int, S>(0, "release")),
          stop_(chancheck::make_chan<int, S>(0, "stop")),
          stopped_(chancheck::make_chan<int, S>(1, "stopped")) {}

    // The owner goroutine: serves acquire and release until close().
    void serve() const {
        const auto n = static_cast<std::size_t>(connections_);
        std::vector<bool> busy(n, false);
        int idle = connections_;
        std::size_t turn = 0;
        auto pick = [&]() -> std::size_t {
            if (round_robin_bug_) {
                const std::size_t c = turn;
                turn = (turn + 1) % n;
                return c;
            }
            std::size_t c = 0;
            while (busy[c]) ++c;
            return c;
        };
        const chancheck::chan<chancheck::chan<int, S>, S> no_requests;  // nil: never ready
        for (bool running = true; running;) {
            // Go's idiom: with every connection out, select on a nil channel
            // instead of the request channel, so requests wait there until a
            // connection comes back.
            const auto& requests = idle > 0 ? requests_ : no_requests;
            chancheck::select({
                chancheck::on_recv{requests,
                                   [&](chancheck::chan<int, S> reply) {
                                       const std::size_t c = pick();
                                       busy[c] = true;
                                       --idle;
                                       reply.send(static_cast<int>(c));
                                   }},
                chancheck::on_recv{returns_,
                                   [&](int c) {
                                       busy[static_cast<std::size_t>(c)] = false;
                                       ++idle;
                                   }},
                chancheck::on_recv{stop_, [&] { running = false; }},
            });
        }
        chancheck::expect<S>(idle == connections_, "all-returned", [&] {
            return std::to_string(connections_ - idle) + " of " + std::to_string(connections_) +
                   " connections still out when the pool closed";
        });
        stopped_.send(idle);
    }

    // Blocks until the owner hands this client a connection.
    int acquire() const {
        auto reply = chancheck::make_chan<int, S>(1, "connection");
        requests_.send(reply);
        return reply.recv().value;
    }

    void release(int connection) const { returns_.send(connection); }

    // Stops the owner once every client is done with the pool, and waits
    // until it has returned.
    void close() const {
        stop_.close();
        stopped_.recv();
    }

private:
    int connections_;
    bool round_robin_bug_;
    chancheck::chan<chancheck::chan<int, S>, S> requests_;
    chancheck::chan<int, S> returns_;
    chancheck::chan<int, S> stop_;
    chancheck::chan<int, S> stopped_;
};

// Who holds each connection, as the clients see it: the "exclusive" check.
// A mutex orders the clients' updates, so two clients holding one connection
// fail the check rather than race on the ledger.
template <chancheck::Sync S>
class ledger {
public:
    explicit ledger(int connections) : holder_(static_cast<std::size_t>(connections), -1) {}

    void take(int connection, int client) {
        mu_.lock();
        const int other = holder_[static_cast<std::size_t>(connection)];
        if (other < 0) holder_[static_cast<std::size_t>(connection)] = client;
        mu_.unlock();
        chancheck::expect<S>(other < 0, "exclusive", [&] {
            return "client " + std::to_string(client) + " was handed connection " + std::to_string(connection) +
                   ", which client " + std::to_string(other) + " still holds";
        });
    }

    void give_back(int connection, int client) {
        mu_.lock();
        if (holder_[static_cast<std::size_t>(connection)] == client) holder_[static_cast<std::size_t>(connection)] = -1;
        mu_.unlock();
    }

private:
    chancheck::mutex<S> mu_;
    std::vector<int> holder_;
};

// The workload the test and the CLI share: `clients` goroutines each acquire
// a connection, use it, and release it `rounds` times; main waits for them
// and closes the pool. Properties: "exclusive" (no connection is held by two
// clients at once), "all-returned" (every connection is back at the end),
// and termination (nobody is left blocked).
template <chancheck::Sync S>
void pool_clients(int clients, int connections, bool round_robin_bug, int rounds = 1) {
    // Held by every goroutine, so an execution that stops early leaves
    // nothing dangling.
    struct state {
        explicit state(int connections) : holders(connections) {}
        ledger<S> holders;
        chancheck::wait_group<S> done;
    };
    connection_pool<S> pool(connections, round_robin_bug);
    auto st = std::make_shared<state>(connections);

    chancheck::go<S>("pool owner", [pool] { pool.serve(); });
    st->done.add(clients);
    for (int i = 0; i < clients; ++i)
        chancheck::go<S>("client " + std::to_string(i), [pool, st, i, rounds] {
            for (int r = 0; r < rounds; ++r) {
                const int c = pool.acquire();
                st->holders.take(c, i);
                st->holders.give_back(c, i);
                pool.release(c);
            }
            st->done.done();
        });
    st->done.wait();
    pool.close();
}

}  // namespace pool_example
