// gallery/serving-5865: knative/serving PR #5865 (GoBench, nonblocking).
//
// The activator's revisionWatcher read endpoint updates from its destsCh
// and, when it stopped, closed destsCh itself, so the channel doubled as a
// "watcher finished" signal. The revisionBackendsManager went on sending
// updates on it: an update that arrived after the watcher stopped was a send
// on a closed channel, and the activator panicked; unordered, the send and
// the close are a data race too, which `go test -race` (and the explorer,
// at the close) reports first. The fix gave the watcher
// its own done channel, closed when it finishes; a sender stops waiting once
// done is closed, and destsCh is never closed by the side receiving from it.
#include <chancheck/chancheck.hpp>
#include <chancheck/model.hpp>

#include "known_bug.hpp"

namespace chancheck::models {
namespace {

struct serving_5865_model {
    static model_spec spec() {
        return known_bug("gallery/serving-5865",
                         "knative/serving #5865: the revision watcher closes its update channel when it stops while "
                         "the backends manager may still send an update on it: the send and the close race (Go's "
                         "race detector reports it), and a send after the close panics.",
                         "the watcher closes a separate done channel and the sender selects on it", "race");
    }

    template <Sync S>
    static void main(const model_args& args) {
        const bool fixed = args.params.boolean("fixed");
        auto dests = make_chan<int, S>(0, "destsCh");
        auto stop = make_chan<int, S>(0, "stopCh");  // the watcher's context: closed on cancel
        auto done = make_chan<int, S>(0, "done");
        auto updated = make_chan<int, S>(0, "updated");

        go<S>("revisionWatcher", [=] {
            for (bool running = true; running;)
                select({on_recv{dests, [](int) { /* probe the new endpoints */ }},
                        on_recv{stop, [&] { running = false; }}});
            // On the way out: the bug closes the channel others send on.
            if (fixed) done.close();
            else dests.close();
        });
        go<S>("endpointsUpdated", [=] {
            if (fixed) select({on_send{dests, 1}, on_recv{done}});
            else dests.send(1);
            updated.close();
        });
        // The revision goes away while an endpoints update is on its way.
        stop.close();
        updated.recv();
    }
};

CHANCHECK_REGISTER_MODEL(serving_5865_model);

}  // namespace
}  // namespace chancheck::models
