// A program several explorer suites count executions of: an echo server and
// n interchangeable callers, each expecting its own identity back.
//
//   run_explorer([] { echo_callers(3); }, options);
#pragma once

#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>

#include <memory>

namespace chancheck {

inline void echo_callers(int n) {
    using S = explore;
    auto in = make_chan<identity, S>(0, "in"), out = make_chan<identity, S>(0, "out");
    go<S>("echo", [in, out] {
        for (identity id : in) out.send(id);
    });
    auto wg = std::make_shared<wait_group<S>>();
    wg->add(n);
    go_interchangeable<S>("caller", n, [in, out, wg](identity me) {
        in.send(me);
        expect<S>(out.recv().value == me, "own answer", "another caller's answer");
        wg->done();
    });
    wg->wait();
    in.close();
}

}  // namespace chancheck
