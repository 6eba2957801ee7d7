// Programs on the order in which a select's operands are evaluated, for any
// backend: Go evaluates every channel and every value to send once, in source
// order, before choosing a case (spec, "Select statements"). Each states what
// Go does as the property "source-order"; the threads conformance tests and
// the explorer's tests run them.
#pragma once

#include <chancheck/chancheck.hpp>

#include <string>

namespace select_order {

namespace cc = chancheck;

// Go: `select { case a <- v('1'): case <-b: case c <- v('2'): default: }`
// evaluates a, 1, b, c, 2.
template <class S>
void operands_left_to_right() {
    std::string order;
    auto a = cc::make_chan<int, S>(1, "a"), b = cc::make_chan<int, S>(1, "b"), c = cc::make_chan<int, S>(1, "c");
    auto channel = [&](char name, const cc::chan<int, S>& ch) -> const cc::chan<int, S>& {
        order += name;
        return ch;
    };
    auto value = [&](char name) {
        order += name;
        return 0;
    };
    cc::select({cc::on_send{channel('a', a), value('1')}, cc::on_recv{channel('b', b)},
                cc::on_send{channel('c', c), value('2')}, cc::on_default()});
    cc::expect<S>(order == "a1bc2", "source-order", [&] { return "evaluated " + order + ", Go: a1bc2"; });
}

// Go: `select { case target <- retarget(): case target <- 2: default: }`
// sends to the channel `target` named before retarget() ran (x, which has
// room); the second case's is y (full).
template <class S>
void channel_read_where_written() {
    auto x = cc::make_chan<int, S>(1, "x"), y = cc::make_chan<int, S>(1, "y");
    y.send(0);
    auto target = x;
    auto retarget = [&] {
        target = y;
        return 7;
    };
    const int fired = cc::select({cc::on_send{target, retarget()}, cc::on_send{target, 2}, cc::on_default()});
    cc::expect<S>(fired == 0 && x.len() == 1 && x.recv().value == 7, "source-order",
                  [&] { return "case " + std::to_string(fired) + " fired; Go sends 7 to x"; });
}

}  // namespace select_order
