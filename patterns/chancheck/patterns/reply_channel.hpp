// The robust form of pattern two: every request carries its own reply
// channel, so an answer can only reach the requester that asked, whatever the
// capacity of the request channel and however many coordinators serve it.
// The reply channel has capacity 1 so the coordinator never waits on a
// requester (one that stopped waiting cannot stall it).
//
//   reply_channel<S, int, int> p(/*request_cap=*/0);
//   go<S>("coordinator", [p] { p.serve([](int id) { return id; }); });
//   int mine = p.call(3);                 // always 3
#pragma once

#include <chancheck/chancheck.hpp>

#include <utility>

namespace chancheck::patterns {

template <class S, class Request, class Response>
class reply_channel {
public:
    struct envelope {
        Request body{};
        chan<Response, S> reply;
    };

    explicit reply_channel(long long request_cap) : requests_(make_chan<envelope, S>(request_cap, "requests")) {}

    Response call(Request req) const {
        auto reply = make_chan<Response, S>(1, "reply");
        requests_.send(envelope{std::move(req), reply});
        return reply.recv().value;
    }

    template <class Handler>
    long serve(Handler&& answer) const {
        long served = 0;
        for (const envelope& e : requests_) {
            e.reply.send(answer(e.body));
            ++served;
        }
        return served;
    }

    void close_requests() const { requests_.close(); }

private:
    chan<envelope, S> requests_;
};

}  // namespace chancheck::patterns
