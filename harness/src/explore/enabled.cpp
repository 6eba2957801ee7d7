// The steps a state enables: for every goroutine waiting with an operation,
// the events its primitive's state allows (a hand-off for each partner, a
// select's ready cases and default), and on the virtual clock only the
// timers due. Each event carries the footprint the reduction judges
// dependency by (event.cpp).
#include "execution_impl.hpp"

namespace chancheck::explore_detail {

void execution::impl::add_channels(const pending_op& op, small_vec<int, 4>& out) {
    if (op.kind == act::select) {
        for (auto& c : op.cases)
            if (c.chan && std::find(out.begin(), out.end(), c.chan->id()) == out.end()) out.push_back(c.chan->id());
    } else {
        for (const object_base* o : {op.obj, op.obj2})
            if (o && std::find(out.begin(), out.end(), o->id()) == out.end()) out.push_back(o->id());
    }
}

bool execution::impl::owns(const goroutine& g, const pending_op& op) {
    switch (op.kind) {
        case act::unlock: {
            const auto& m = *static_cast<const mutex_object*>(op.obj);
            return m.locked && m.holder == g.id;
        }
        case act::cond_wait: {
            const auto& m = *static_cast<const mutex_object*>(op.obj2);
            return m.locked && m.holder == g.id;
        }
        case act::rw_unlock: {
            const auto& m = *static_cast<const rw_mutex_object*>(op.obj);
            return m.writer && m.writer_holder == g.id;
        }
        case act::runlock: {
            const auto& m = *static_cast<const rw_mutex_object*>(op.obj);
            return std::find(m.reader_holders.begin(), m.reader_holders.end(), g.id) != m.reader_holders.end();
        }
        default: return false;
    }
}

event execution::impl::make(const goroutine& g, int g_case, const goroutine* h, int h_case) const {
    event e;
    e.g = g.id;
    e.g_case = g_case;
    e.kind = g.op->kind;
    e.observes_all = g.op->kind == act::select;
    if (g.op->kind == act::wg_add) {
        e.delta = g.op->delta;
        e.counter = static_cast<const wait_group_object*>(g.op->obj)->counter;
    }
    e.owned = owns(g, *g.op);
    add_channels(*g.op, e.objects);
    const chan_object* ch = nullptr;
    if (g_case >= 0 && g_case != default_case) {
        ch = g.op->cases[static_cast<std::size_t>(g_case)].chan;
        e.sends = g.op->cases[static_cast<std::size_t>(g_case)].is_send;
    } else if (g.op->kind == act::send || g.op->kind == act::timer_fire || g.op->kind == act::recv) {
        ch = static_cast<const chan_object*>(g.op->obj);
        e.sends = g.op->kind != act::recv;
    }
    if (ch) {
        e.channel = ch->id();
        e.via_close = ch->state().closed() && (e.sends || ch->state().len() == 0);
        e.capacity = static_cast<std::uint32_t>(ch->state().cap());
    }
    if (g.op->kind == act::timer_fire) e.watched = someone_receives_on(ch);
    if (h) {
        e.h = h->id;
        e.h_case = h_case;
        e.observes_all |= h->op->kind == act::select;
        add_channels(*h->op, e.objects);
    }
    return e;
}

bool execution::impl::someone_receives_on(const chan_object* ch) const {
    return std::any_of(all.begin(), all.end(), [&](const auto& h) {
        if (!waiting_on(*h)) return false;
        if (h->op->kind == act::recv) return h->op->obj == ch;
        if (h->op->kind != act::select) return false;
        return std::any_of(h->op->cases.begin(), h->op->cases.end(),
                           [&](const auto& c) { return c.chan == ch && !c.is_send; });
    });
}

void execution::impl::collect_waiting_receivers() const {
    auto& r = scratch.receivers;
    r.clear();
    for (const auto& hp : all) {
        const goroutine& h = *hp;
        if (!waiting_on(h)) continue;
        if (h.op->kind == act::recv) r.push_back({static_cast<const chan_object*>(h.op->obj), &h, -1});
        if (h.op->kind == act::select)
            for (std::size_t k = 0; k < h.op->cases.size(); ++k)
                if (h.op->cases[k].chan && !h.op->cases[k].is_send) r.push_back({h.op->cases[k].chan, &h, static_cast<int>(k)});
    }
    std::stable_sort(r.begin(), r.end(), [](const receiver& a, const receiver& b) { return std::less<>{}(a.chan, b.chan); });
}

void execution::impl::send_events(const goroutine& g, int g_case, chan_object* ch, std::vector<event>& out) const {
    const detail::chan_state& st = ch->state();
    if (st.closed()) out.push_back(make(g, g_case));  // it panics
    else if (st.cap() > 0) {
        if (st.len() < st.cap()) out.push_back(make(g, g_case));
    } else {
        const auto& r = scratch.receivers;
        auto it = std::lower_bound(r.begin(), r.end(), ch,
                                   [](const receiver& x, const chan_object* c) { return std::less<>{}(x.chan, c); });
        // A hand-off needs one side waiting: a select with a default
        // never waits, so two of them never meet (Go's selectgo polls,
        // then takes the default without queuing).
        const bool g_polls = g.op->kind == act::select && g.op->has_default;
        for (; it != r.end() && it->chan == ch; ++it)
            if (it->g != &g && !(g_polls && it->g->op->has_default)) out.push_back(make(g, g_case, it->g, it->g_case));
    }
}

void execution::impl::enabled(std::vector<event>& out) const {
    out.clear();
    auto& selects_with_default = scratch.selects_with_default;
    selects_with_default.clear();
    collect_waiting_receivers();
    for (const auto& gp : all) {
        const goroutine& g = *gp;
        if (!waiting_on(g)) continue;
        const pending_op& op = *g.op;
        switch (op.kind) {
            case act::send:
            case act::timer_fire: send_events(g, -1, static_cast<chan_object*>(op.obj), out); break;
            case act::recv:
                // From the buffer or a closed channel; a hand-off is listed
                // from the sender's side. No waiter stays queued here, so
                // the state machine's answer is exact.
                if (static_cast<chan_object*>(op.obj)->state().recv_ready()) out.push_back(make(g, -1));
                break;
            case act::select:
                for (std::size_t k = 0; k < op.cases.size(); ++k) {
                    chan_object* ch = op.cases[k].chan;
                    if (!ch) continue;
                    if (op.cases[k].is_send) send_events(g, static_cast<int>(k), ch, out);
                    else if (ch->state().recv_ready()) out.push_back(make(g, static_cast<int>(k)));
                }
                if (op.has_default) selects_with_default.push_back(&g);
                break;
            case act::lock:
                if (!static_cast<mutex_object*>(op.obj)->locked) out.push_back(make(g, -1));
                break;
            case act::rlock_wait: {
                const auto& queued = static_cast<rw_mutex_object*>(op.obj)->waiting_readers;
                if (std::find(queued.begin(), queued.end(), g.id) == queued.end()) out.push_back(make(g, -1));
                break;
            }
            case act::rw_lock: {
                auto* rw = static_cast<rw_mutex_object*>(op.obj);
                if (!rw->writer && !rw->writer_pending) out.push_back(make(g, -1));
                break;
            }
            case act::rw_lock_wait:
                if (static_cast<rw_mutex_object*>(op.obj)->readers == 0) out.push_back(make(g, -1));
                break;
            case act::wg_wait:
                if (static_cast<wait_group_object*>(op.obj)->counter == 0) out.push_back(make(g, -1));
                break;
            case act::exit:
                // A test's process exits once every goroutine but the
                // daemons has finished: until then it waits for them.
                if (config.mode == main_mode::program || live == 0) out.push_back(make(g, -1));
                break;
            case act::cond_woken: {
                // Signalled once a signal or broadcast took it off the queue.
                const auto& queued = static_cast<cond_object*>(op.obj)->waiters;
                if (std::find(queued.begin(), queued.end(), g.id) == queued.end()) out.push_back(make(g, -1));
                break;
            }
            default: out.push_back(make(g, -1)); break;
        }
    }
    // A default is a branch wherever no case is ready by the channels'
    // state (a buffered value or room, a close). A partner waiting to
    // hand off does not rule it out: nothing in Go can tell that a
    // goroutine has queued on a channel rather than being about to
    // (it may be preempted just before), so a select may always find
    // no one there yet. Both branches are Go's.
    for (const goroutine* g : selects_with_default) {
        const bool ready = std::any_of(g->op->cases.begin(), g->op->cases.end(), [](const auto& c) {
            if (!c.chan) return false;
            const detail::chan_state& st = c.chan->state();
            return st.closed() || (c.is_send ? st.len() < st.cap() : st.len() > 0);
        });
        if (!ready) out.push_back(make(*g, default_case));
    }
    if (config.time == time_mode::synctest) keep_what_the_clock_allows(out);
    if (config.symmetry)
        sym.mark_orbits(out, [this](int id) {
            const goroutine& x = *by_id.at(id);
            return x.moved ? -1 : x.group;
        });
}

void execution::impl::keep_what_the_clock_allows(std::vector<event>& out) const {
    const bool something_moves = std::any_of(out.begin(), out.end(), [&](const event& e) {
        return !timed(e) || deadline_of(e) <= now;
    });
    if (something_moves) {
        std::erase_if(out, [&](const event& e) { return timed(e) && deadline_of(e) > now; });
        return;
    }
    std::int64_t earliest = INT64_MAX;
    for (const event& e : out) earliest = std::min(earliest, deadline_of(e));
    std::erase_if(out, [&](const event& e) { return deadline_of(e) != earliest; });
    for (event& e : out) e.advances = true;
}

void execution::impl::check_first_step(const goroutine& member) {
    first_step_shape shape;
    if (!waiting_on(member)) {
        shape.text = member.finished ? "ends without a step" : member.forever;
    } else {
        const pending_op& op = *member.op;
        shape.kind = op.kind;
        shape.text = act_name(op.kind);
        auto add = [&](const object_base* o) {
            auto made = creator.find(o ? o->id() : -1);
            if (!o || (made != creator.end() && made->second == member.id)) return;
            shape.shared_objects.push_back(o->id());
            shape.text += " " + o->name();
        };
        if (op.kind == act::select)
            for (const auto& c : op.cases) add(c.chan);
        else
            for (const object_base* o : {op.obj, op.obj2}) add(o);
    }
    sym.first_step(member.group, member.name, shape);
}

}  // namespace chancheck::explore_detail
