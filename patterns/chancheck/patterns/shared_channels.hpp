// Pattern two: requesters share ONE request channel and ONE response channel
// with a coordinator. A requester does `requests <- req; r := <-responses`;
// the coordinator loops `req := <-requests; responses <- answer(req)`.
//
// Each requester gets its own answer with no explicit routing, but only while
// both channels are unbuffered, exactly one coordinator serves them, and no
// requester stops waiting: the rendezvous on `requests` makes the requester
// the only one that can be waiting on `responses`. The capacities are
// parameters so that the broken configurations are this same code.
//
//   shared_channels<S, int, int> p(/*request_cap=*/0, /*response_cap=*/0);
//   go<S>("coordinator", [p] { p.serve([](int id) { return id; }); });
//   int mine = p.call(3);                 // 3, if the preconditions hold
#pragma once

#include <chancheck/chancheck.hpp>

#include <chrono>
#include <optional>
#include <utility>

namespace chancheck::patterns {

template <class S, class Request, class Response>
class shared_channels {
public:
    shared_channels(long long request_cap, long long response_cap)
        : requests_(make_chan<Request, S>(request_cap, "requests")),
          responses_(make_chan<Response, S>(response_cap, "responses")) {}

    Response call(Request req) const {
        requests_.send(std::move(req));
        return responses_.recv().value;
    }

    // A requester that gives up when `patience` passes first: its answer is
    // then left for whoever receives next, or blocks the coordinator.
    template <class Rep, class Period>
    std::optional<Response> call_within(Request req, std::chrono::duration<Rep, Period> patience) const {
        requests_.send(std::move(req));
        std::optional<Response> got;
        select({on_recv{responses_, [&](Response r) { got = std::move(r); }}, on_recv{after<S>(patience)}});
        return got;
    }

    // The coordinator: answers every request until the request channel is
    // closed and drained. Returns how many it answered.
    template <class Handler>
    long serve(Handler&& answer) const {
        long served = 0;
        for (const Request& req : requests_) {
            responses_.send(answer(req));
            ++served;
        }
        return served;
    }

    void close_requests() const { requests_.close(); }

private:
    chan<Request, S> requests_;
    chan<Response, S> responses_;
};

}  // namespace chancheck::patterns
