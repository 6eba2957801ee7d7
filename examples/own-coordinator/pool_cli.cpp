// This project's own chancheck CLI: the chancheck command line (list, run,
// check, replay) over the models registered in this program, here the pool.
//
//   pool-chancheck list
//   pool-chancheck check pool -p clients=3
//   pool-chancheck check pool -p bug=true        # exit 1, with the trace
//   pool-chancheck run pool --iterations 100     # on real threads
#include "pool.hpp"

#include <chancheck/cli.hpp>
#include <chancheck/model.hpp>

namespace {

struct pool_model {
    static chancheck::model_spec spec() {
        using chancheck::param_spec;
        return {"pool",
                "A connection pool whose owner goroutine hands out connections over per-request reply "
                "channels and takes them back over a return channel; no connection may go to two clients "
                "at once.",
                {param_spec::integer("clients", 3, 1, 1000, "goroutines that each acquire and release a connection"),
                 param_spec::integer("connections", 2, 1, 64, "connections the owner holds"),
                 param_spec::integer("rounds", 1, 1, 1000, "acquire/release cycles per client"),
                 param_spec::boolean("bug", false,
                                     "the owner hands connections out in turn without checking which are back")},
                {"exclusive", "all-returned", "terminates"},
                {{.params = {}}, {.params = {"bug=true"}, .expect = "assertion"}}};
    }

    template <chancheck::Sync S>
    static void main(const chancheck::model_args& args) {
        const auto& p = args.params;
        pool_example::pool_clients<S>(static_cast<int>(p.integer("clients")),
                                      static_cast<int>(p.integer("connections")), p.boolean("bug"),
                                      static_cast<int>(p.integer("rounds")));
    }
};

CHANCHECK_REGISTER_MODEL(pool_model);

}  // namespace

int main(int argc, char** argv) { return chancheck::cli_main(argc, argv); }
