// seed-demo: the demo program of the post pattern two comes from, as it was:
// routines share one request and one response channel with a coordinator
// that loops for ever; main waits for the routines and closes the requests.
#include <chancheck/chancheck.hpp>
#include <chancheck/model.hpp>

#include <memory>
#include <string>

namespace chancheck::models {
namespace {

struct seed_demo_model {
    static model_spec spec() {
        return {"seed-demo",
                "The original demo: routines send their id on a shared request channel and read "
                "their answer from a shared response channel; the coordinator loops for ever and "
                "outlives main (a daemon).",
                {param_spec::integer("routines", 10, 1, 100000, "requesting goroutines")},
                {"routing", "terminates"},
                {{.params = {"routines=4"}}}};
    }

    template <Sync S>
    static void main(const model_args& args) {
        const long routines = args.params.integer("routines");
        auto requests = make_chan<int, S>(0, "requests");
        auto responses = make_chan<std::string, S>(0, "responses");
        auto print = args.print;

        go<S>(
            "coordinator",
            [requests, responses] {
                for (;;) {
                    int id = requests.recv().value;
                    responses.send("this return value is meant for routine " + std::to_string(id));
                }
            },
            {.daemon = true});

        auto wg = std::make_shared<wait_group<S>>();
        wg->add(routines);
        for (long i = 0; i < routines; ++i)
            go<S>("routine " + std::to_string(i), [=] {
                const int id = static_cast<int>(i);
                requests.send(id);
                std::string r = responses.recv().value;
                print("routine " + std::to_string(id) + " gets response: " + r);
                expect<S>(r == "this return value is meant for routine " + std::to_string(id), "routing",
                          [&] { return "routine " + std::to_string(id) + " got \"" + r + "\""; });
                wg->done();
            });
        wg->wait();
        requests.close();
    }
};

CHANCHECK_REGISTER_MODEL(seed_demo_model);

}  // namespace
}  // namespace chancheck::models
