// Select statements, the rules select_test.cpp leaves out: operands of cases
// not chosen are evaluated too, a ready send and a ready receive are chosen
// alike, a case set to nil drops out of a loop, a blocked select takes
// whichever partner comes, a send case waits for room, default polls.
// Each CONFORMANCE_CASE runs on threads and the explorer, with a Go twin
// (go/twins/select_cases.go).
#include "outcomes.hpp"

#include <chancheck/chancheck.hpp>

namespace conformance {
namespace {

namespace cc = chancheck;

CONFORMANCE_CASE(unchosen_operands, {.name = "select.send_values_evaluated_even_if_not_chosen", .rule = "Select statements: on entering select every case's send value is evaluated, whichever case is chosen", .allowed = {"v1 v2 1 2 / ok"}}) {
    auto full = cc::make_chan<int, S>(1, "full");
    auto room = cc::make_chan<int, S>(1, "room");
    full.send(0);
    auto val = [&](int i) {
        out.print("v", i);
        return i;
    };
    int k = cc::select({cc::on_send{full, val(1)}, cc::on_send{room, val(2)}});
    out.print(k, " ", room.recv().value);
}

CONFORMANCE_CASE(send_or_recv, {.name = "select.ready_send_and_ready_receive_chosen_alike", .rule = "Select statements: a ready send and a ready receive are chosen by one uniform pseudo-random selection", .allowed = {"0 / ok", "1 / ok"}, .threads_runs = 200, .uniform = true}) {
    auto room = cc::make_chan<int, S>(1, "room");
    auto ready = cc::make_chan<int, S>(1, "ready");
    ready.send(5);
    out.print(cc::select(cc::on_send(room, 1), cc::on_recv(ready)));
}

// The Go idiom for merging channels until both are closed: a closed one is
// set to nil, so its case is never chosen again.
CONFORMANCE_CASE(nil_out_closed, {.name = "select.a_case_set_to_nil_drops_out_of_the_loop", .rule = "Select statements: a case on a nil channel is never chosen, so setting a closed channel to nil disables its case", .allowed = {"13 2 / ok"}}) {
    auto a = cc::make_chan<int, S>(0, "a");
    auto b = cc::make_chan<int, S>(0, "b");
    cc::go<S>("pa", [a] {
        a.send(1);
        a.send(2);
        a.close();
    });
    cc::go<S>("pb", [b] {
        b.send(10);
        b.close();
    });
    int sum = 0, closes = 0;
    auto merge = [&sum, &closes](cc::chan<int, S>* c) {
        return [&sum, &closes, c](int v, bool ok) {
            sum += v;
            if (!ok) {
                ++closes;
                *c = {};
            }
        };
    };
    while (!a.is_nil() || !b.is_nil()) cc::select(cc::on_recv(a, merge(&a)), cc::on_recv(b, merge(&b)));
    out.print(sum, " ", closes);
}

CONFORMANCE_CASE(whichever_partner, {.name = "select.blocked_select_takes_whichever_partner_comes", .rule = "Select statements: a blocked select proceeds with the first case whose partner arrives; the other stays for later", .allowed = {"0 1 2 / ok", "1 2 1 / ok"}}) {
    auto a = cc::make_chan<int, S>(0, "a");
    auto b = cc::make_chan<int, S>(0, "b");
    cc::go<S>("sa", [a] { a.send(1); });
    cc::go<S>("sb", [b] { b.send(2); });
    int v = 0;
    auto got = [&](int x) { v = x; };
    int k = cc::select(cc::on_recv(a, got), cc::on_recv(b, got));
    out.print(k, " ", v);
    out.print((k == 0 ? b : a).recv().value);
}

CONFORMANCE_CASE(send_waits_for_room, {.name = "select.send_case_on_a_full_channel_waits_for_room", .rule = "Select statements: a send case on a full buffered channel can proceed once a receive makes room", .allowed = {"2; g: 1 / ok"}}) {
    auto full = cc::make_chan<int, S>(1, "full");
    auto done = cc::make_chan<int, S>(0, "done");
    full.send(1);
    cc::go<S>("g", [&out, full, done] {
        out.in("g").print(full.recv().value);
        done.send(0);
    });
    cc::select(cc::on_send(full, 2));
    out.print(full.recv().value);
    done.recv();
}

CONFORMANCE_CASE(default_polls, {.name = "select.default_in_a_loop_drains_what_is_buffered", .rule = "Select statements: with default a select never blocks, so a loop of it receives what is buffered and stops", .allowed = {"1 2 3 empty / ok"}}) {
    auto c = cc::make_chan<int, S>(3, "c");
    for (int i = 1; i <= 3; ++i) c.send(i);
    for (bool more = true; more;)
        cc::select(cc::on_recv(c, [&](int v) { out.print(v); }), cc::on_default([&] {
                       out.print("empty");
                       more = false;
                   }));
}

}  // namespace
}  // namespace conformance
