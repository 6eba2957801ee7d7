// Pattern one, the serializer: one goroutine owns a thread-unsafe structure
// and serves every access from a select loop, so all access is serial. The
// instance here is a metrics relay's route table: metric senders ask the
// owner to route metrics (reads, many per second); admin front-ends (a telnet
// and an HTTP interface, say) add and remove routes and are told whether the
// change took effect (writes). Closing `stop` makes the owner return.
//
//   route_table_owner<S> owner;
//   go<S>("owner", [owner] { owner.serve(); });
//   bool added = owner.change({change_kind::add, /*prefix=*/7, /*destination=*/1});
//   owner.route_metric(7);               // routed by the owner's table
//   owner.stop();
#pragma once

#include <chancheck/chancheck.hpp>

#include <array>
#include <cstddef>
#include <vector>

namespace chancheck::patterns {

// A fixed-capacity table of plain ints: thread-unsafe, and a racy reader of
// it sees torn state rather than crashing (which is what the checks need).
class route_table {
public:
    static constexpr std::size_t capacity = 16;
    static constexpr int unrouted = -1;

    bool add(int prefix, int destination) {
        if (find(prefix) >= 0 || size_ == capacity) return false;
        routes_[size_++] = {prefix, destination};
        return true;
    }
    bool remove(int prefix) {
        int i = find(prefix);
        if (i < 0) return false;
        routes_[static_cast<std::size_t>(i)] = routes_[--size_];
        return true;
    }
    // The destination of the route whose prefix is the metric's (metric / 100).
    int route(int metric) const {
        int i = find(metric / 100);
        return i < 0 ? unrouted : routes_[static_cast<std::size_t>(i)].destination;
    }

private:
    struct entry {
        int prefix = 0;
        int destination = 0;
    };
    int find(int prefix) const {
        for (std::size_t i = 0; i < size_; ++i)
            if (routes_[i].prefix == prefix) return static_cast<int>(i);
        return -1;
    }
    std::array<entry, capacity> routes_{};
    std::size_t size_ = 0;
};

enum class change_kind { add, remove };

struct route_change {
    change_kind kind = change_kind::add;
    int prefix = 0;
    int destination = 0;
};

// What the owner did, in its serial order: the record the checks replay.
struct route_log {
    struct applied {
        route_change change;
        bool accepted = false;
    };
    struct routed {
        int metric = 0;
        int destination = 0;
        std::size_t version = 0;  // how many changes had been applied
    };
    std::vector<applied> changes;
    std::vector<routed> metrics;
};

template <class S>
class route_table_owner {
public:
    struct admin_request {
        route_change change;
        chan<bool, S> reply;
    };

    route_table_owner()
        : metrics_(make_chan<int, S>(0, "metrics")),
          admin_(make_chan<admin_request, S>(0, "admin")),
          stop_(make_chan<int, S>(0, "stop")),
          done_(make_chan<route_log, S>(1, "done")),
          table_(std::make_shared<shared<route_table, S>>()) {}

    // The owner goroutine: serves until stop() and then hands its log to finish().
    void serve() const {
        route_log log;
        for (bool running = true; running;) {
            select({
                on_recv{metrics_,
                        [&](int metric) {
                            log.metrics.push_back({metric, table_->read().route(metric), log.changes.size()});
                        }},
                on_recv{admin_,
                        [&](admin_request r) {
                            route_table& t = table_->write();
                            bool ok = r.change.kind == change_kind::add ? t.add(r.change.prefix, r.change.destination)
                                                                        : t.remove(r.change.prefix);
                            log.changes.push_back({r.change, ok});
                            r.reply.send(ok);
                        }},
                on_recv{stop_, [&] { running = false; }},
            });
        }
        done_.send(std::move(log));
    }

    void route_metric(int metric) const { metrics_.send(metric); }

    bool change(route_change c) const {
        auto reply = make_chan<bool, S>(1, "admin-reply");
        admin_.send(admin_request{c, reply});
        return reply.recv().value;
    }

    void stop() const { stop_.close(); }
    route_log finish() const { return done_.recv().value; }

    // Bypasses the owner: a data race with its writes (the bug the
    // serializer exists to prevent), kept for the broken variant.
    int route_directly(int metric) const { return table_->read().route(metric); }

private:
    chan<int, S> metrics_;
    chan<admin_request, S> admin_;
    chan<int, S> stop_;
    chan<route_log, S> done_;
    std::shared_ptr<shared<route_table, S>> table_;
};

}  // namespace chancheck::patterns
