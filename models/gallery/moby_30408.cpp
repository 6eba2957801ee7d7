// gallery/moby-30408: moby/moby PR #30408 (GoBench, blocking).
//
// A plugin's waitActive locked the plugin's mutex and waited on its
// condition variable until the plugin was activated, meaning it had a
// manifest. A failed activation records an error and leaves the manifest
// unset, so the waiter, woken or not, keeps waiting for a manifest that
// never comes, and nobody signals again. The test waiting for waitActive to
// return blocks with it. The fix also ends the wait when activation failed
// and returns the error.
//
// The kernel sets the error before anyone waits; here a goroutine fails the
// activation concurrently, as in the plugin code, and broadcasts.
#include <chancheck/chancheck.hpp>
#include <chancheck/model.hpp>

#include "known_bug.hpp"

#include <memory>
#include <string>

namespace chancheck::models {
namespace {

struct moby_30408_model {
    static model_spec spec() {
        return known_bug("gallery/moby-30408",
                         "moby #30408: waitActive waits on a condition variable until the plugin has a manifest; a "
                         "failed activation never sets one, so nothing wakes the waiter for good.",
                         "waitActive also stops waiting once activation has failed",
                         "deadlock", {"activation-error", "terminates"});
    }

    template <Sync S>
    struct plugin {
        mutex<S> mu;
        cond<S> activate_wait{mu};
        shared<bool, S> has_manifest;          // guarded by mu
        shared<std::string, S> activate_err;  // guarded by mu

        void fail_activation() {
            mu.lock();
            activate_err.write() = "some junk happened";
            mu.unlock();
            activate_wait.broadcast();
        }
        std::string wait_active(bool fixed) {
            mu.lock();
            while (!has_manifest.read() && !(fixed && !activate_err.read().empty())) activate_wait.wait();
            std::string err = activate_err.read();
            mu.unlock();
            return err;
        }
    };

    template <Sync S>
    static void main(const model_args& args) {
        const bool fixed = args.params.boolean("fixed");
        auto p = std::make_shared<plugin<S>>();
        go<S>("activate", [p] { p->fail_activation(); });

        auto done = make_chan<std::string, S>(0, "done");
        go<S>("waitActive", [=] { done.send(p->wait_active(fixed)); });
        std::string err = done.recv().value;
        expect<S>(!err.empty(), "activation-error", "waitActive returned no error for a failed activation");
    }
};

CHANCHECK_REGISTER_MODEL(moby_30408_model);

}  // namespace
}  // namespace chancheck::models
