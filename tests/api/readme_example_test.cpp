// The README's worked example, compiled and run as written there.
#include <chancheck/chancheck.hpp>
#include <chancheck/check.hpp>
#include <chancheck/gtest.hpp>
#include <chancheck/model.hpp>

#include <string>

namespace {

template <chancheck::Sync S>
void tickets(int clients) {
    auto requests = chancheck::make_chan<chancheck::chan<int, S>, S>(0, "requests");
    chancheck::go<S>("owner", [requests] {
        int next = 0;
        for (auto reply : requests) reply.send(next++);  // the owner alone touches `next`
    }, {.daemon = true});
    chancheck::wait_group<S> wg;
    wg.add(clients);
    for (int c = 0; c < clients; ++c)
        chancheck::go<S>("client " + std::to_string(c), [=, &wg] {
            auto reply = chancheck::make_chan<int, S>(0, "reply");
            requests.send(reply);
            int ticket = reply.recv().value;
            chancheck::expect<S>(ticket >= 0 && ticket < clients, "ticket-in-range", "got " + std::to_string(ticket));
            wg.done();
        });
    wg.wait();
}

TEST(Tickets, EveryClientGetsATicketInRange) {
    auto model = []<chancheck::Sync S>() { tickets<S>(3); };
    EXPECT_PROVED(chancheck::check(model));                          // every interleaving
    chancheck::check_options o;                                      // strategy, bounds, seed, limits
    o.strategy.name = "random";
    o.strategy.iterations = 1000;
    EXPECT_FALSE(chancheck::check(model, o).cx);                     // sampled: bounded at best
    EXPECT_FALSE(chancheck::run_threads(model, {.iterations = 100}).cx);  // real threads
}

struct tickets_model {
    static chancheck::model_spec spec() {
        return {"tickets", "An owner hands out tickets on each caller's reply channel.",
                {chancheck::param_spec::integer("clients", 3, 1, 1000, "requesting goroutines")},
                {"ticket-in-range", "terminates"}};
    }
    template <chancheck::Sync S>
    static void main(const chancheck::model_args& args) { tickets<S>(static_cast<int>(args.params.integer("clients"))); }
};
CHANCHECK_REGISTER_MODEL(tickets_model);

TEST(Tickets, RegisteredForTheCommandLine) {
    const chancheck::model* m = chancheck::registry::instance().find("tickets");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->spec().parse({"clients=4"}).integer("clients"), 4);
}

}  // namespace
