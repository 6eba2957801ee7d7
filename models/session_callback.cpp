// session-callback: the coordinator resumes each requester's session from a
// goroutine it starts after the work.
#include "request_response.hpp"

#include <chancheck/model.hpp>
#include <chancheck/patterns/session_callback.hpp>

namespace chancheck::models {
namespace {

struct session_callback_model {
    static model_spec spec() {
        return {"session-callback",
                "The coordinator answers each request by starting a goroutine that resumes the "
                "requester's session with the answer.",
                {param_spec::integer("requesters", 3, 1, 100000, "goroutines that each send one request")},
                {"routing", "no-lost-request", "terminates"}};
    }

    template <Sync S>
    static void main(const model_args& args) {
        patterns::session_callback<S, identity, identity> pattern(0);
        request_response<S>(pattern, args.params.integer("requesters"), 1,
                            [](const auto& pat, identity id) -> std::optional<identity> { return pat.call(id); });
    }
};

CHANCHECK_REGISTER_MODEL(session_callback_model);

}  // namespace
}  // namespace chancheck::models
