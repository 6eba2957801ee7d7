// Performing the chosen step: each primitive's effect on its state, the
// trace line, and the Go memory model's happens-before edges that race
// detection on shared<T> follows.
#include "execution_impl.hpp"

namespace chancheck::explore_detail {

std::string execution::impl::clock_text(std::int64_t ns) {
    if (ns % 1'000'000'000 == 0) return std::to_string(ns / 1'000'000'000) + "s";
    if (ns % 1'000'000 == 0) return std::to_string(ns / 1'000'000) + "ms";
    if (ns % 1'000 == 0) return std::to_string(ns / 1'000) + "µs";
    return std::to_string(ns) + "ns";
}

std::vector<int> execution::impl::panic_events(const goroutine& g) const {
    if (g.panicked_at < 0) return {};
    return {result.trace[static_cast<std::size_t>(g.panicked_at)].from, g.panicked_at};
}

std::vector<int> execution::impl::check_events(const goroutine& g, int check) const {
    for (int i = check - 1; i >= 0; --i) {
        const trace_event& t = result.trace[static_cast<std::size_t>(i)];
        if (t.goroutine == g.name && t.op.starts_with("receive")) return {i, check};
    }
    return {check};
}

void execution::impl::buffered_send_edges(chan_object& ch, goroutine& g) {
    const std::size_t cap = ch.state().cap();
    // The k-th receive happens before the (k+cap)-th send completes: the
    // oldest remembered receive is exactly the one this send waits for.
    if (ch.received.size() == cap) g.hb.join(ch.received.front());
    ch.buffered.push_back(g.hb);
}

void execution::impl::buffered_recv_edges(chan_object& ch, goroutine& g) {
    g.hb.join(ch.buffered.front());
    ch.buffered.pop_front();
    ch.received.push_back(g.hb);
    if (ch.received.size() > ch.state().cap()) ch.received.pop_front();
}

void execution::impl::do_send(goroutine& g, pending_op& op, chan_object& ch, void* src, goroutine* h, int h_case) {
    const std::string value = config.record_trace ? ch.describe(src) : std::string();
    // The send reads the channel before anything else (chansend), with the
    // clock it came with.
    const bool races_close = !g.is_timer && ch.closed_by && ch.closed_by->g != g.id &&
                             ch.closed_by->clock > g.hb.get(static_cast<std::size_t>(ch.closed_by->g));
    const auto read = [&](int traced) {
        if (g.is_timer) return;
        const shared_access mine{g.id, g.hb.get(static_cast<std::size_t>(g.id)), op.loc, traced};
        auto it = std::find_if(ch.sends.begin(), ch.sends.end(), [&](const shared_access& a) { return a.g == g.id; });
        if (it == ch.sends.end()) ch.sends.push_back(mine);
        else *it = mine;
        if (races_close) report_channel_race(ch, *ch.closed_by, "close", mine, "send");
    };
    if (h) {
        void* dst = h_case < 0 ? h->op->elem : h->op->cases[static_cast<std::size_t>(h_case)].elem;
        detail::waiter w(&owner, dst, 0);
        ch.state().enqueue_recv(w);
        ch.state().try_send(src);
        // Unbuffered: each side happens before the other completes.
        vector_clock both = g.hb;
        both.join(h->hb);
        g.hb = both;
        h->hb = both;
        op.ok = true;
        h->op->ok = true;
        h->op->fired = h_case;
        if (h_case >= 0) h->op->cases[static_cast<std::size_t>(h_case)].ok = true;
        const int sent = trace(g, "send", ch.name(), value, op.loc);
        trace(*h, "receive", ch.name(), value, h->op->loc, sent);
        read(sent);
        return;
    }
    if (ch.state().try_send(src).status == detail::chan_status::closed) {
        op.panicked = panic_kind::send_on_closed;
        read(trace(g, "send (closed: panics)", ch.name(), value, op.loc, ch.traced_close));
        return;
    }
    buffered_send_edges(ch, g);
    op.ok = true;
    const int sent = g.is_timer ? trace(g, "fires", "", at_time(), op.loc) : trace(g, "send", ch.name(), value, op.loc);
    if (config.record_trace) ch.traced_sends.push_back(sent);
    read(sent);
}

// Every send not ordered before the close races it, and so does a goroutine
// waiting to send: it read the channel when it arrived (a select, when it
// polled its send cases).
void execution::impl::close_races_sends(goroutine& g, chan_object& ch, const std::source_location& loc, int traced) {
    const shared_access closing{g.id, g.hb.get(static_cast<std::size_t>(g.id)), loc, traced};
    if (!ch.closed_by) ch.closed_by = closing;
    for (const shared_access& a : ch.sends)
        if (a.g != g.id && a.clock > g.hb.get(static_cast<std::size_t>(a.g)))
            return report_channel_race(ch, a, "send", closing, "close");
    for (const auto& other : all) {
        if (other.get() == &g || other->is_timer || !waiting_on(*other)) continue;
        const pending_op& op = *other->op;
        bool sends = op.kind == act::send && op.obj == &ch;
        if (op.kind == act::select)
            for (const auto& c : op.cases) sends |= c.is_send && c.chan == &ch;
        if (sends)
            return report_channel_race(ch, {other->id, 0, op.loc, other->last_traced}, "send (waiting)", closing,
                                       "close");
    }
}

void execution::impl::report_channel_race(const chan_object& ch, const shared_access& a, const char* a_kind,
                                          const shared_access& b, const char* b_kind) {
    fail(failure_kind::race, "data race on " + ch.name() + ": " + access_text(a_kind, find(a.g)->name, a.loc) +
                                 " and " + access_text(b_kind, find(b.g)->name, b.loc) +
                                 " are not ordered (Go's race detector reports a send and a close of one channel)",
         {a.traced, b.traced});
}

void execution::impl::do_recv(goroutine& g, pending_op& op, chan_object& ch, void* dst, bool& ok_out) {
    const bool from_buffer = ch.state().len() > 0;
    bool ok = false;
    ch.state().try_recv(dst, ok);
    if (from_buffer) buffered_recv_edges(ch, g);
    else g.hb.join(ch.close_clock);
    ok_out = ok;
    op.ok = ok;
    if (!config.record_trace) return;
    int from = ok ? -1 : ch.traced_close;
    if (from_buffer) {
        from = ch.traced_sends.front();
        ch.traced_sends.pop_front();
    }
    trace(g, ok ? "receive" : "receive (closed)", ch.name(), ok ? ch.describe(dst) : "zero", op.loc, from);
}

void execution::impl::fatal(goroutine& g, panic_kind k) {
    g.stopped = true;
    fail(failure_kind::panic, "goroutine \"" + g.name + "\": fatal error: " + panic_message(k), {g.last_traced});
}

void execution::impl::rw_step(goroutine& g, pending_op& op) {
    auto& m = *static_cast<rw_mutex_object*>(op.obj);
    auto acquire_read = [&] {
        ++m.readers;
        m.reader_holders.push_back(g.id);
    };
    auto acquire_write = [&] {
        m.writer = true;
        m.writer_pending = false;
        m.writer_holder = g.id;
        g.hb.join(m.unlocked);
        g.hb.join(m.runlocked);
    };
    op.ok = true;
    switch (op.kind) {
        case act::rlock:
            if (m.writer || m.writer_pending) {
                m.waiting_readers.push_back(g.id);
                op.ok = false;
                trace(g, "rlock (waits for the writer)", m.name(), "", op.loc);
                return;
            }
            acquire_read();
            g.hb.join(m.unlocked);
            trace(g, "rlock", m.name(), "", op.loc);
            return;
        case act::rlock_wait:  // admitted, and counted, by the writer's unlock
            g.hb.join(m.unlocked);
            trace(g, "rlock", m.name(), "", op.loc);
            return;
        case act::rw_lock:
            if (m.readers > 0) {
                m.writer_pending = true;
                op.ok = false;
                trace(g, "lock (waits for the readers)", m.name(), "", op.loc);
                return;
            }
            acquire_write();
            trace(g, "lock", m.name(), "", op.loc);
            return;
        case act::rw_lock_wait:
            acquire_write();
            trace(g, "lock", m.name(), "", op.loc);
            return;
        case act::runlock: {
            trace(g, "runlock", m.name(), "", op.loc);
            if (m.readers == 0) return fatal(g, panic_kind::runlock_of_unlocked);
            --m.readers;
            // Go's RWMutex has no owner: any goroutine may release a read lock.
            auto mine = std::find(m.reader_holders.begin(), m.reader_holders.end(), g.id);
            m.reader_holders.erase(mine == m.reader_holders.end() ? m.reader_holders.begin() : mine);
            m.runlocked.join(g.hb);
            return;
        }
        case act::rw_unlock:
            trace(g, "unlock", m.name(), "", op.loc);
            if (!m.writer) return fatal(g, panic_kind::rw_unlock_of_unlocked);
            m.writer = false;
            m.writer_holder = -1;
            m.unlocked.join(g.hb);
            m.readers += static_cast<int>(m.waiting_readers.size());
            m.reader_holders.insert(m.reader_holders.end(), m.waiting_readers.begin(), m.waiting_readers.end());
            m.waiting_readers.clear();
            return;
        default: return;
    }
}

auto execution::impl::perform(const event& e) -> goroutine* {
    goroutine& g = *find(e.g);
    goroutine* h = e.h >= 0 ? find(e.h) : nullptr;
    pending_op& op = *g.op;
    goroutine* spawned = nullptr;
    g.moved = true;
    if (h) h->moved = true;
    if (e.advances) now = op.deadline;

    switch (op.kind) {
        case act::send:
        case act::timer_fire: do_send(g, op, *static_cast<chan_object*>(op.obj), op.elem, h, e.h_case); break;
        case act::recv: do_recv(g, op, *static_cast<chan_object*>(op.obj), op.elem, op.ok); break;
        case act::select: {
            op.fired = e.g_case == default_case ? -1 : e.g_case;
            if (op.fired < 0) {
                trace(g, "select (default)", "", "", op.loc);
                break;
            }
            auto& c = op.cases[static_cast<std::size_t>(op.fired)];
            if (c.is_send) do_send(g, op, *c.chan, c.elem, h, e.h_case);
            else do_recv(g, op, *c.chan, c.elem, c.ok);
            break;
        }
        case act::close: {
            auto& ch = *static_cast<chan_object*>(op.obj);
            detail::wake_list none;
            if (!ch.state().close(none)) op.panicked = panic_kind::close_of_closed;
            ch.close_clock.join(g.hb);
            const int closed = trace(g, "close", ch.name(), "", op.loc, ch.traced_close);
            if (ch.traced_close < 0) ch.traced_close = closed;
            close_races_sends(g, ch, op.loc, closed);
            break;
        }
        case act::lock: {
            auto& m = *static_cast<mutex_object*>(op.obj);
            m.locked = true;
            m.holder = g.id;
            g.hb.join(m.released);
            trace(g, "lock", m.name(), "", op.loc);
            break;
        }
        case act::unlock: {
            auto& m = *static_cast<mutex_object*>(op.obj);
            trace(g, "unlock", m.name(), "", op.loc);
            if (!m.locked) {
                fatal(g, panic_kind::unlock_of_unlocked);
                break;
            }
            m.locked = false;
            m.holder = -1;
            m.released = g.hb;
            break;
        }
        case act::rlock:
        case act::rlock_wait:
        case act::runlock:
        case act::rw_lock:
        case act::rw_lock_wait:
        case act::rw_unlock: rw_step(g, op); break;
        case act::len: {
            auto& ch = *static_cast<chan_object*>(op.obj);
            op.count = ch.state().len();
            trace(g, "len", ch.name(), std::to_string(op.count), op.loc);
            break;
        }
        case act::wg_add: {
            auto& w = *static_cast<wait_group_object*>(op.obj);
            w.counter += op.delta;
            if (w.counter < 0) op.panicked = panic_kind::negative_wait_group;
            w.released.join(g.hb);
            trace(g, op.delta == -1 ? "done" : "add", w.name(), op.delta == -1 ? "" : std::to_string(op.delta), op.loc);
            break;
        }
        case act::wg_wait: {
            auto& w = *static_cast<wait_group_object*>(op.obj);
            g.hb.join(w.released);
            trace(g, "wait", w.name(), "", op.loc);
            break;
        }
        case act::cond_wait: {
            auto& c = *static_cast<cond_object*>(op.obj);
            auto& m = *static_cast<mutex_object*>(op.obj2);
            trace(g, "wait", c.name(), "", op.loc);
            if (!m.locked) {
                fatal(g, panic_kind::unlock_of_unlocked);
                break;
            }
            m.locked = false;
            m.holder = -1;
            m.released.join(g.hb);
            c.waiters.push_back(g.id);
            break;
        }
        case act::cond_woken:
            g.hb.join(static_cast<cond_object*>(op.obj)->released);
            trace(g, "woken", op.obj->name(), "", op.loc);
            break;
        case act::cond_signal:
        case act::cond_broadcast: {
            auto& c = *static_cast<cond_object*>(op.obj);
            c.released.join(g.hb);
            const std::size_t n = op.kind == act::cond_signal ? std::min<std::size_t>(1, c.waiters.size()) : c.waiters.size();
            c.waiters.erase(c.waiters.begin(), c.waiters.begin() + static_cast<std::ptrdiff_t>(n));
            trace(g, op.kind == act::cond_signal ? "signal" : "broadcast", c.name(), "", op.loc);
            break;
        }
        case act::sleep: trace(g, "sleep", "", at_time(), op.loc); break;
        case act::spawn: {
            goroutine& child = create(op.child_name, g.id, op.child_daemon);
            child.group = sym.group(g.id, op.child_group);
            child.hb = g.hb;
            child.hb.tick(static_cast<std::size_t>(child.id));
            child.body = std::make_unique<fiber>(std::move(op.child_body));
            trace(g, "go", child.name, "", op.loc);
            spawned = &child;
            ++result.goroutines_started;
            break;
        }
        case act::exit:
            trace(g, "exit", "", "", op.loc);
            main_exited = true;
            break;
    }
    if (op.panicked) g.panicked_at = g.last_traced;
    // What a goroutine does after a step is not covered by what others
    // learnt from it during the step: a new epoch.
    g.hb.tick(static_cast<std::size_t>(g.id));
    if (h) h->hb.tick(static_cast<std::size_t>(h->id));
    result.schedule.push_back(e);
    ++result.steps;
    g.op = nullptr;
    if (h) h->op = nullptr;
    if (g.is_timer) g.finished = true;
    return spawned;
}

}  // namespace chancheck::explore_detail
