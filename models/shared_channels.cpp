// shared-channels: pattern two, with its preconditions as parameters.
#include "request_response.hpp"

#include <chancheck/model.hpp>
#include <chancheck/patterns/shared_channels.hpp>

namespace chancheck::models {
namespace {

struct shared_channels_model {
    static model_spec spec() {
        return {"shared-channels",
                "Requesters share one request and one response channel with the coordinators "
                "(requests <- id; r := <-responses). Correct only with both channels unbuffered, "
                "one coordinator, and requesters that wait for their answer.",
                {param_spec::integer("requesters", 3, 1, 100000, "goroutines that each send one request"),
                 param_spec::integer("coordinators", 1, 1, 64, "goroutines serving the shared request channel"),
                 param_spec::integer("request-capacity", 0, 0, 1024, "buffer of the request channel"),
                 param_spec::integer("response-capacity", 0, 0, 1024, "buffer of the response channel"),
                 param_spec::boolean("give-up", false,
                                     "each requester waits for its response in a select with a timer and "
                                     "abandons the wait when the timer fires")},
                {"routing", "no-lost-request", "terminates"}};
    }

    template <Sync S>
    static void main(const model_args& args) {
        const auto& p = args.params;
        const bool give_up = p.boolean("give-up");
        // With give-up the coordinator's work outlasts a requester's patience
        // (on real threads; a checker lets the timer fire at any point).
        const auto patience = std::chrono::milliseconds(1);
        const auto work = give_up ? std::chrono::milliseconds(5) : std::chrono::milliseconds(0);
        patterns::shared_channels<S, identity, identity> pattern(p.integer("request-capacity"), p.integer("response-capacity"));
        request_response<S>(
            pattern, p.integer("requesters"), p.integer("coordinators"),
            [give_up, patience](const auto& pat, identity id) -> std::optional<identity> {
                if (give_up) return pat.call_within(id, patience);
                return pat.call(id);
            },
            work);
    }
};

CHANCHECK_REGISTER_MODEL(shared_channels_model);

}  // namespace
}  // namespace chancheck::models
