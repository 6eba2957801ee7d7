// gallery/moby-4395: moby/moby PR #4395 (GoBench, blocking).
//
// utils.Go(f) ran f in a new goroutine and returned an unbuffered channel on
// which that goroutine would send f's error. Callers that returned early
// never read it, so the goroutine stayed blocked on its send for ever: one
// leaked goroutine per call. The fix gave the channel a buffer of one, so
// the send completes whether or not anyone reads the result.
#include <chancheck/chancheck.hpp>
#include <chancheck/model.hpp>

#include "known_bug.hpp"

#include <string>

namespace chancheck::models {
namespace {

struct moby_4395_model {
    static model_spec spec() {
        return known_bug("gallery/moby-4395",
                         "moby #4395: utils.Go sends f's error on an unbuffered channel that the caller never reads, "
                         "so the goroutine leaks.",
                         "the result channel has a buffer of one", "leak");
    }

    // utils.Go: run f in its own goroutine, hand back the channel its error arrives on.
    template <Sync S, class F>
    static chan<std::string, S> run_async(bool fixed, F f) {
        auto result = make_chan<std::string, S>(fixed ? 1 : 0, "errCh");
        go<S>("Go(f)", [result, f] { result.send(f()); });
        return result;
    }

    template <Sync S>
    static void main(const model_args& args) {
        // The caller gives up before reading the result (in moby: an earlier error).
        run_async<S>(args.params.boolean("fixed"), [] { return std::string("pull failed"); });
    }
};

CHANCHECK_REGISTER_MODEL(moby_4395_model);

}  // namespace
}  // namespace chancheck::models
