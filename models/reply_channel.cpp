// reply-channel: every request carries its own reply channel.
#include "request_response.hpp"

#include <chancheck/model.hpp>
#include <chancheck/patterns/reply_channel.hpp>

namespace chancheck::models {
namespace {

struct reply_channel_model {
    static model_spec spec() {
        return {"reply-channel",
                "Each request carries its own reply channel: correct with any request-channel "
                "buffering and any number of coordinators.",
                {param_spec::integer("requesters", 3, 1, 100000, "goroutines that each send one request"),
                 param_spec::integer("coordinators", 1, 1, 64, "goroutines serving the request channel"),
                 param_spec::integer("request-capacity", 0, 0, 1024, "buffer of the request channel")},
                {"routing", "no-lost-request", "terminates"}};
    }

    template <Sync S>
    static void main(const model_args& args) {
        const auto& p = args.params;
        patterns::reply_channel<S, identity, identity> pattern(p.integer("request-capacity"));
        request_response<S>(pattern, p.integer("requesters"), p.integer("coordinators"),
                            [](const auto& pat, identity id) -> std::optional<identity> { return pat.call(id); });
    }
};

CHANCHECK_REGISTER_MODEL(reply_channel_model);

}  // namespace
}  // namespace chancheck::models
