// gallery/kubernetes-26980: kubernetes/kubernetes PR #26980 (GoBench, blocking).
//
// processorListener.pop took the listener's lock (which guards the pending
// notifications) and kept it while it blocked in a select on the stop
// channel. Anyone else who needed the lock (here the test, which takes it
// in a goroutine and waits until that goroutine has it) blocked behind pop,
// and the stop channel is only closed after the test gets past that wait:
// every goroutine waits for another. The fix holds the lock only while
// taking a notification out, and blocks on the channel without it.
//
// The listener's condition variable (pop waits on it while nothing is
// pending) is left out: the test queues a notification before pop starts.
#include <chancheck/chancheck.hpp>
#include <chancheck/model.hpp>

#include "known_bug.hpp"

#include <memory>

namespace chancheck::models {
namespace {

struct kubernetes_26980_model {
    static model_spec spec() {
        return known_bug("gallery/kubernetes-26980",
                         "kubernetes #26980: processorListener.pop holds the listener's lock while blocked in a select"
                         " on the stop channel; the goroutine that would close it waits for the lock.",
                         "pop releases the lock before it blocks on the channel", "deadlock");
    }

    template <Sync S>
    struct listener {
        mutex<S> lock;
        shared<int, S> pending;  // notifications not yet handed on, guarded by lock

        void add() {
            lock.lock();
            ++pending.write();
            lock.unlock();
        }
        void pop(const chan<int, S>& stop, bool fixed) {
            lock.lock();
            if (pending.read() > 0) --pending.write();
            if (fixed) lock.unlock();
            // Hand the notification on, or return when stopped; nobody takes
            // notifications in the test, so only stopping ends it.
            stop.recv();
            if (!fixed) lock.unlock();
        }
    };

    template <Sync S>
    static void main(const model_args& args) {
        const bool fixed = args.params.boolean("fixed");
        auto pl = std::make_shared<listener<S>>();
        auto stop = make_chan<int, S>(0, "stopCh");
        pl->add();
        go<S>("pop", [=] { pl->pop(stop, fixed); });

        auto locked = make_chan<int, S>(0, "resultCh");
        go<S>("locker", [=] {
            pl->lock.lock();
            locked.close();
        });
        locked.recv();
        pl->lock.unlock();  // Go mutexes may be unlocked by another goroutine
        stop.close();       // the test's deferred close(stopCh)
    }
};

CHANCHECK_REGISTER_MODEL(kubernetes_26980_model);

}  // namespace
}  // namespace chancheck::models
