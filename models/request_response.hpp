// The workload the request/response models share: main starts the
// coordinators and the requesters, waits for the requesters, closes the
// request channel, and waits for the coordinators, which return once they
// see it closed. Properties: "routing" (a requester that gets an answer gets
// its own), "no-lost-request" (the coordinators answered every request).
#pragma once

#include <chancheck/chancheck.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace chancheck::models {

// `call(pattern, id)` is one requester's exchange (id: its identity); it
// returns nullopt for a requester that gave up. `work` is how long a coordinator works on a request.
template <class S, class Pattern, class Call>
void request_response(const Pattern& pattern, long requesters, long coordinators, Call call,
                      std::chrono::nanoseconds work = {}) {
    // Held by every goroutine, so a run that ends early leaves nothing dangling.
    struct state {
        wait_group<S> requesters_done;
        wait_group<S> coordinators_done;
        std::vector<shared<long, S>> served;
    };
    auto st = std::make_shared<state>();
    st->served.resize(static_cast<std::size_t>(coordinators));

    st->coordinators_done.add(coordinators);
    for (long c = 0; c < coordinators; ++c)
        go<S>("coordinator " + std::to_string(c), [st, pattern, c, work] {
            long n = pattern.serve([work](identity id) {
                if (work.count() > 0) sleep<S>(work);
                return id;
            });
            st->served[static_cast<std::size_t>(c)].write() = n;
            st->coordinators_done.done();
        });

    st->requesters_done.add(requesters);
    // The requesters are the same code, told apart only by an identity they
    // compare: interchangeable, so `check --symmetry` may run one of them
    // where any would do.
    go_interchangeable<S>("requester", requesters, [st, pattern, call](identity id) {
        std::optional<identity> got = call(pattern, id);
        if (got)
            expect<S>(*got == id, "routing", [&] {
                return "requester " + id.text() + " received the response to request " + got->text();
            });
        st->requesters_done.done();
    });

    st->requesters_done.wait();
    pattern.close_requests();
    st->coordinators_done.wait();

    long answered = 0;
    for (const auto& s : st->served) answered += s.read();
    expect<S>(answered == requesters, "no-lost-request", [&] {
        return std::to_string(requesters) + " requests sent, " + std::to_string(answered) + " answered";
    });
}

}  // namespace chancheck::models
