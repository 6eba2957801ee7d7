// gallery/cockroach-25456: cockroachdb/cockroach PR #25456 (GoBench, blocking).
//
// When CheckConsistency failed, the consistency queue decided whether the
// error was worth logging by asking whether the store was draining: it
// received from the stopper's ShouldQuiesce channel. That receive does not
// ask, it waits until the store drains; in the test nothing ever quiesces the
// stopper, so the queue (here the test's only goroutine) blocks for ever. The
// fix made it a non-blocking check: a select with a default case.
#include <chancheck/chancheck.hpp>
#include <chancheck/model.hpp>

#include "known_bug.hpp"

namespace chancheck::models {
namespace {

struct cockroach_25456_model {
    static model_spec spec() {
        return known_bug("gallery/cockroach-25456",
                         "cockroach #25456: the consistency queue checks whether the store is draining by receiving "
                         "from the stopper's quiesce channel, which blocks until a quiesce nobody starts.",
                         "the draining check is a select with a default case", "deadlock");
    }

    template <Sync S>
    static void main(const model_args& args) {
        const bool fixed = args.params.boolean("fixed");
        // The stopper's quiesce channel: closed when the store starts draining.
        auto quiesce = make_chan<int, S>(0, "ShouldQuiesce");

        auto store_draining = [&] {
            bool draining = false;
            if (fixed) select({on_recv{quiesce, [&] { draining = true; }}, on_default()});
            else {
                quiesce.recv();  // returns only once the store drains
                draining = true;
            }
            return draining;
        };
        // The test processes the replica twice; each time the consistency
        // check fails and the queue asks before logging the failure.
        for (int i = 0; i < 2; ++i)
            if (!store_draining()) args.print("consistency check failed");
    }
};

CHANCHECK_REGISTER_MODEL(cockroach_25456_model);

}  // namespace
}  // namespace chancheck::models
