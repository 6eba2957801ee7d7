// route-table: pattern one, a metrics relay's route table owned by one
// goroutine and served from its select loop.
#include <chancheck/chancheck.hpp>
#include <chancheck/model.hpp>
#include <chancheck/patterns/route_table.hpp>

#include <memory>
#include <string>
#include <vector>

namespace chancheck::models {
namespace {

using patterns::change_kind;
using patterns::route_change;
using patterns::route_log;
using patterns::route_table;

// Client c's j-th change: even j adds a route only c uses, odd j removes it.
// Each is accepted in every serial order.
route_change own_change(long c, long j) {
    int prefix = static_cast<int>(10 + c * 100 + j / 2);
    return {j % 2 == 0 ? change_kind::add : change_kind::remove, prefix, static_cast<int>(c)};
}
// Every client also adds this route: exactly one of them can succeed.
constexpr int contested_prefix = 1;

// The metrics each sender routes: one on the contested route, one on client 0's first own route.
std::vector<int> metrics_of(long sender) {
    return {contested_prefix * 100 + static_cast<int>(sender), 10 * 100 + static_cast<int>(sender)};
}

// The table after the first `version` changes of the owner's serial order.
route_table replay(const route_log& log, std::size_t version) {
    route_table t;
    for (std::size_t k = 0; k < version; ++k) {
        const route_change& c = log.changes[k].change;
        if (c.kind == change_kind::add) t.add(c.prefix, c.destination);
        else t.remove(c.prefix);
    }
    return t;
}

struct route_table_model {
    static model_spec spec() {
        return {"route-table",
                "One goroutine owns a metrics relay's route table and serves routing requests and "
                "admin changes from a select loop.",
                {param_spec::integer("metric-senders", 2, 1, 64, "goroutines routing metrics"),
                 param_spec::integer("admin-clients", 2, 1, 64, "admin front-ends changing routes"),
                 param_spec::integer("changes-per-client", 1, 0, 64, "own add/remove changes per admin client"),
                 param_spec::boolean("racy-read", false,
                                     "one metric sender reads the table directly instead of asking the owner")},
                {"admin-outcome", "metric-routing", "terminates"}};
    }

    template <Sync S>
    static void main(const model_args& args) {
        const auto& p = args.params;
        const long senders = p.integer("metric-senders");
        const long clients = p.integer("admin-clients");
        const long changes = p.integer("changes-per-client");
        const bool racy = p.boolean("racy-read");

        struct state {
            patterns::route_table_owner<S> owner;
            wait_group<S> done;
            // Written by one goroutine each, read by main after done.wait().
            std::vector<int> contested_won;
            std::vector<std::pair<int, int>> routed_directly;  // by the racy sender
        };
        auto st = std::make_shared<state>();
        st->contested_won.assign(static_cast<std::size_t>(clients), 0);

        go<S>("owner", [st] { st->owner.serve(); });
        st->done.add(senders + clients);
        for (long c = 0; c < clients; ++c)
            go<S>("admin " + std::to_string(c), [st, c, changes] {
                for (long j = 0; j < changes; ++j) {
                    bool ok = st->owner.change(own_change(c, j));
                    expect<S>(ok, "admin-outcome", [&] {
                        return "change " + std::to_string(j) + " of admin " + std::to_string(c) + " was refused";
                    });
                }
                st->contested_won[static_cast<std::size_t>(c)] =
                    st->owner.change({change_kind::add, contested_prefix, static_cast<int>(c)});
                st->done.done();
            });
        for (long s = 0; s < senders; ++s)
            go<S>("metrics " + std::to_string(s), [st, s, racy] {
                for (int metric : metrics_of(s)) {
                    if (racy && s == 0) st->routed_directly.emplace_back(metric, st->owner.route_directly(metric));
                    else st->owner.route_metric(metric);
                }
                st->done.done();
            });

        st->done.wait();
        st->owner.stop();
        route_log log = st->owner.finish();

        int winners = 0;
        for (int w : st->contested_won) winners += w;
        expect<S>(winners == 1, "admin-outcome", [&] {
            return std::to_string(winners) + " admin clients were told their add of the same route succeeded";
        });
        for (std::size_t k = 0; k < log.changes.size(); ++k) {
            route_table before = replay(log, k);
            const route_change& c = log.changes[k].change;
            bool right = c.kind == change_kind::add ? before.add(c.prefix, c.destination) : before.remove(c.prefix);
            expect<S>(right == log.changes[k].accepted, "admin-outcome",
                      [&] { return "change " + std::to_string(k) + " was answered against the wrong table"; });
        }
        for (const auto& m : log.metrics)
            expect<S>(replay(log, m.version).route(m.metric) == m.destination, "metric-routing", [&] {
                return "metric " + std::to_string(m.metric) + " routed to " + std::to_string(m.destination) +
                       " by a table no serial order produced";
            });
        for (const auto& [metric, dest] : st->routed_directly) {
            bool some_state = false;
            for (std::size_t v = 0; v <= log.changes.size() && !some_state; ++v)
                some_state = replay(log, v).route(metric) == dest;
            expect<S>(some_state, "metric-routing", [&] {
                return "metric " + std::to_string(metric) + " routed to " + std::to_string(dest) +
                       " by a table no serial order produced";
            });
        }
    }
};

CHANCHECK_REGISTER_MODEL(route_table_model);

}  // namespace
}  // namespace chancheck::models
