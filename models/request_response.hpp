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

// `call(pattern, id)` is one requester's exchange; it returns nullopt for a
// requester that gave up. `work` is how long a coordinator works on a request.
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
            long n = pattern.serve([work](int id) {
                if (work.count() > 0) sleep<S>(work);
                return id;
            });
            st->served[static_cast<std::size_t>(c)].write() = n;
            st->coordinators_done.done();
        });

    st->requesters_done.add(requesters);
    for (long i = 0; i < requesters; ++i)
        go<S>("requester " + std::to_string(i), [st, pattern, call, i] {
            const int id = static_cast<int>(i);
            std::optional<int> got = call(pattern, id);
            if (got)
                expect<S>(*got == id, "routing", [&] {
                    return "requester " + std::to_string(id) + " received the response to request " +
                           std::to_string(*got);
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
