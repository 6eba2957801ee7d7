// Session callback: the request names the requester's session; after the
// work the coordinator starts a goroutine that resumes that session with the
// answer, so the coordinator itself never waits on a requester.
//
//   session_callback<S, int, int> p(/*request_cap=*/0);
//   go<S>("coordinator", [p] { p.serve([](int id) { return id; }); });
//   int mine = p.call(3);                 // resumed by a callback goroutine
#pragma once

#include <chancheck/chancheck.hpp>

#include <string>
#include <utility>

namespace chancheck::patterns {

template <class S, class Request, class Response>
class session_callback {
public:
    // A requester's session: where its answer is delivered.
    struct session {
        chan<Response, S> inbox;
        void resume(Response r) const { inbox.send(std::move(r)); }
    };
    struct request {
        Request body{};
        session from;
    };

    explicit session_callback(long long request_cap) : requests_(make_chan<request, S>(request_cap, "requests")) {}

    Response call(Request req) const {
        session mine{make_chan<Response, S>(0, "session")};
        requests_.send(request{std::move(req), mine});
        return mine.inbox.recv().value;
    }

    template <class Handler>
    long serve(Handler&& answer) const {
        long served = 0;
        for (const request& r : requests_) {
            go<S>("callback", [from = r.from, a = answer(r.body)]() mutable { from.resume(std::move(a)); });
            ++served;
        }
        return served;
    }

    void close_requests() const { requests_.close(); }

private:
    chan<request, S> requests_;
};

}  // namespace chancheck::patterns
