// For statements with a range clause over channels: the loop receives until
// the channel is closed and drained, a break leaves the rest in the channel,
// the channel expression is evaluated once, a nil channel blocks for ever.
// Each CONFORMANCE_CASE runs on threads and the explorer, with a Go twin
// (go/twins/range.go). channel_test.cpp and nil_test.cpp have the first cases
// of the rule (draining a closed buffer, an open channel, a nil one).
#include "outcomes.hpp"

#include <chancheck/chancheck.hpp>

#include <string>

namespace conformance {
namespace {

namespace cc = chancheck;

CONFORMANCE_CASE(until_close, {.name = "range.until_the_sender_closes", .rule = "For statements with range clause: the iteration values are the successive values sent on the channel until it is closed", .allowed = {"1 2 3 end / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    cc::go<S>("producer", [c] {
        for (int i = 1; i <= 3; ++i) c.send(i);
        c.close();
    });
    for (int v : c) out.print(v);
    out.print("end");
}

CONFORMANCE_CASE(closed_empty, {.name = "range.over_a_closed_empty_channel_runs_no_iteration", .rule = "For statements with range clause: a closed and drained channel ends the loop before its first iteration", .allowed = {"end / ok"}}) {
    auto c = cc::make_chan<int, S>(2, "c");
    c.close();
    for (int v : c) out.print(v);
    out.print("end");
}

CONFORMANCE_CASE(break_leaves_rest, {.name = "range.break_leaves_the_rest_in_the_buffer", .rule = "For statements with range clause: break ends the loop; values not yet received stay in the channel", .allowed = {"1 2 len 2 / ok"}}) {
    auto c = cc::make_chan<int, S>(4, "c");
    for (int i = 1; i <= 4; ++i) c.send(i);
    for (int v : c) {
        out.print(v);
        if (v == 2) break;
    }
    out.print("len ", c.len());
}

CONFORMANCE_CASE(range_again, {.name = "range.again_after_break_goes_on_with_the_next_value", .rule = "For statements with range clause: each iteration is one receive, so a new loop goes on where the last one broke off", .allowed = {"1 2 then 3 4 / ok"}}) {
    auto c = cc::make_chan<int, S>(4, "c");
    for (int i = 1; i <= 4; ++i) c.send(i);
    c.close();
    for (int v : c) {
        out.print(v);
        if (v == 2) break;
    }
    out.print("then");
    for (int v : c) out.print(v);
}

// Close comes while the loop runs, with values still buffered: they are
// all received first.
CONFORMANCE_CASE(close_with_values_left, {.name = "range.close_with_values_left_while_ranging", .rule = "For statements with range clause: values buffered before close are all received before the loop ends", .allowed = {"r: 1 2 3 end / ok"}}) {
    auto c = cc::make_chan<int, S>(3, "c");
    auto done = cc::make_chan<int, S>(0, "done");
    for (int i = 1; i <= 3; ++i) c.send(i);
    cc::go<S>("r", [&out, c, done] {
        for (int v : c) out.in("r").print(v);
        out.in("r").print("end");
        done.send(0);
    });
    c.close();
    done.recv();
}

CONFORMANCE_CASE(close_wakes_range, {.name = "range.close_ends_a_waiting_loop", .rule = "For statements with range clause: a loop waiting for the next value ends when the channel is closed", .allowed = {"r: 1 end / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto done = cc::make_chan<int, S>(0, "done");
    cc::go<S>("r", [&out, c, done] {
        for (int v : c) out.in("r").print(v);
        out.in("r").print("end");
        done.send(0);
    });
    c.send(1);
    c.close();
    done.recv();
}

// Go evaluates `range c` once: assigning c in the body does not change the
// channel the loop receives from.
CONFORMANCE_CASE(expression_once, {.name = "range.channel_expression_evaluated_once", .rule = "For statements with range clause: the range expression is evaluated once, before the loop begins", .allowed = {"1 2 / ok"}}) {
    auto c = cc::make_chan<int, S>(2, "c");
    auto other = cc::make_chan<int, S>(1, "other");
    c.send(1);
    c.send(2);
    c.close();
    other.send(9);
    other.close();
    for (int v : c) {
        out.print(v);
        c = other;
    }
}

// Two loops over one channel: each value goes to exactly one of them.
CONFORMANCE_CASE(two_rangers, {.name = "range.two_loops_share_the_values", .rule = "For statements with range clause: each iteration is a receive, so loops over one channel in two goroutines split its values", .allowed = {"3 6 / ok"}}) {
    auto c = cc::make_chan<int, S>(0, "c");
    auto sums = cc::make_chan<int, S>(2, "sums");
    auto counts = cc::make_chan<int, S>(2, "counts");
    for (std::string name : {"r1", "r2"})
        cc::go<S>(name, [c, sums, counts] {
            int sum = 0, n = 0;
            for (int v : c) {
                sum += v;
                ++n;
            }
            sums.send(sum);
            counts.send(n);
        });
    for (int i = 1; i <= 3; ++i) c.send(i);
    c.close();
    int sum = 0, n = 0;
    for (int i = 0; i < 2; ++i) {
        sum += sums.recv().value;
        n += counts.recv().value;
    }
    out.print(n, " ", sum);
}

// The loop over nil blocks only its own goroutine; main returns. (A daemon:
// chancheck's main is a test function otherwise, which waits for it.)
CONFORMANCE_CASE(nil_blocks_one, {.name = "range.over_nil_blocks_only_its_goroutine", .rule = "For statements with range clause: over a nil channel the loop blocks for ever, and the rest of the program goes on", .allowed = {"main returns / ok"}}) {
    cc::go<S>("ranger", [&out] {
        cc::chan<int, S> nil;
        for (int v : nil) out.in("ranger").print(v);
        out.in("ranger").print("end");
    }, {.daemon = true});
    out.print("main returns");
}

}  // namespace
}  // namespace conformance
