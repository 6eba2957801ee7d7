// gallery/kubernetes-80284: kubernetes/kubernetes PR #80284 (GoBench, nonblocking).
//
// client-go's exec Authenticator.UpdateTransportConfig set a.onRotate (the
// callback that closes the connections of the dialer it just made) without
// taking the authenticator's lock. Clients built concurrently from one
// config call it at the same time, and the two writes race. The fix takes
// the lock around the assignment.
#include <chancheck/chancheck.hpp>
#include <chancheck/model.hpp>

#include "known_bug.hpp"

#include <memory>
#include <string>

namespace chancheck::models {
namespace {

struct kubernetes_80284_model {
    static model_spec spec() {
        return known_bug("gallery/kubernetes-80284",
                         "kubernetes #80284: two goroutines call Authenticator.UpdateTransportConfig at once and both "
                         "assign its onRotate field without a lock: a data race.",
                         "the assignment is made under the authenticator's lock", "race");
    }

    template <Sync S>
    struct authenticator {
        mutex<S> mu;
        // onRotate; here the id of the dialer whose CloseAll it would call.
        shared<int, S> on_rotate;

        void update_transport_config(int dialer, bool fixed) {
            if (fixed) mu.lock();
            on_rotate.write() = dialer;
            if (fixed) mu.unlock();
        }
    };

    template <Sync S>
    static void main(const model_args& args) {
        const bool fixed = args.params.boolean("fixed");
        auto a = std::make_shared<authenticator<S>>();
        auto wg = std::make_shared<wait_group<S>>();
        wg->add(2);
        for (int i = 1; i <= 2; ++i)
            go<S>("client " + std::to_string(i), [=] {
                a->update_transport_config(i, fixed);
                wg->done();
            });
        wg->wait();
    }
};

CHANCHECK_REGISTER_MODEL(kubernetes_80284_model);

}  // namespace
}  // namespace chancheck::models
