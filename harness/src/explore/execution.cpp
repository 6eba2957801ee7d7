// One execution: goroutines on fibers, the enabled events of each state,
// performing the chosen one with the shared state machines, and the Go
// memory model's happens-before for race detection on shared<T>.
#include <chancheck/detail/sync_state.hpp>
#include <chancheck/explore/execution.hpp>

#include "step_log.hpp"
#include "symmetry.hpp"

#include <algorithm>
#include <sstream>
#include <unistd.h>

namespace chancheck::explore_detail {

namespace {

thread_local execution* running_execution = nullptr;

// Under the explorer only one goroutine ever waits on a hand-off and the
// scheduler has already decided it completes: its claim always succeeds.
struct decided_owner final : detail::waiter_owner {
    bool try_claim(int) override { return true; }
};

std::string where(const std::source_location& loc) {
    return std::string(loc.file_name()) + ":" + std::to_string(loc.line());
}

// Two steps do the same thing: the same goroutines and cases, the same kind
// of operation on the same objects. A key alone names a goroutine, not what
// it does.
bool same_step(const event& a, const event& b) {
    return a.same_key(b) && a.kind == b.kind && a.channel == b.channel && a.sends == b.sends &&
           a.via_close == b.via_close && std::equal(a.objects.begin(), a.objects.end(), b.objects.begin(), b.objects.end());
}

// How a too-long execution ends in a loop: the shortest period with which
// its last `steps` repeat. Only a loop that ran at least three times and
// for at least half of the execution counts: a few alike steps at the end
// of a program that was still making progress are no livelock.
struct repetition {
    std::size_t period = 0;  // 0: none
    std::size_t steps = 0;
};
repetition repeating_period(const std::vector<event>& schedule) {
    const std::size_t n = schedule.size();
    for (std::size_t p = 1; p <= 64 && 3 * p <= n; ++p) {
        std::size_t alike = 0;  // trailing steps that do what the step p before them did
        while (alike + p < n && same_step(schedule[n - 1 - alike], schedule[n - 1 - alike - p])) ++alike;
        if (alike + p >= std::max(3 * p, (n + 1) / 2)) return {p, alike + p};
    }
    return {};
}

}  // namespace

const char* failure_name(failure_kind k) {
    switch (k) {
        case failure_kind::none: return "none";
        case failure_kind::assertion: return "assertion";
        case failure_kind::deadlock: return "deadlock";
        case failure_kind::leak: return "leak";
        case failure_kind::panic: return "panic";
        case failure_kind::race: return "race";
        case failure_kind::step_limit: return "step-limit";
    }
    return "?";
}

object_base::object_base(std::string_view kind, std::string_view name) : name_(name.empty() ? kind : name) {
    if (execution* ex = execution::current()) id_ = ex->register_object(*this);
}

struct execution::goroutine {
    int id = 0;
    std::string name;
    bool daemon = false;
    bool is_main = false;
    bool is_timer = false;
    std::unique_ptr<fiber> body;
    bool finished = false;
    bool stopped = false;           // parked for good: a violation, a race, a nil channel
    std::string forever;            // what a goroutine blocked for ever waits on
    std::source_location forever_at;
    int last_traced = -1;           // its latest event in the trace
    int panicked_at = -1;           // the traced operation that panicked
    pending_op* op = nullptr;       // the announced operation, on its own stack
    vector_clock hb;
    int children = 0;
    int objects = 0;
    int group = -1;      // of interchangeable goroutines (symmetry.hpp)
    bool moved = false;  // took a step or touched shared data
    // A timer's single operation: offering the time on its channel.
    pending_op timer_op;
    time_point timer_value{};
    std::shared_ptr<chan_object> timer_chan;
};

struct execution::impl {
    execution_config config;
    picker* choose = nullptr;
    identity_table own_ids;
    std::vector<std::unique_ptr<goroutine>> all;  // creation order
    std::map<int, goroutine*> by_id;
    goroutine* running = nullptr;
    execution_result result;
    bool tearing_down = false;
    bool main_exited = false;     // the exit step ended the program
    bool main_returned = false;   // main returned and waits to exit
    int live = 0;                 // goroutines other than main, timers and daemons, not finished
    std::int64_t now = 0;         // the virtual clock (time_mode::synctest), in nanoseconds
    decided_owner owner;
    symmetry sym;
    // Buffers enabled() rebuilds every step, kept so that a step allocates
    // nothing once an execution has warmed them up.
    struct receiver {
        const chan_object* chan;
        const goroutine* g;
        int g_case;
    };
    mutable struct {
        std::vector<receiver> receivers;
        std::vector<const goroutine*> selects_with_default;
        std::vector<event> enabled;
    } scratch;
    std::map<int, int> creator;  // object id -> the goroutine that made it

    identity_table& ids() { return config.ids ? *config.ids : own_ids; }

    // The running goroutine never moves again: it hit a failure, or a nil
    // channel. Its fiber is unwound when the execution is torn down.
    [[noreturn]] void park_for_good() {
        running->stopped = true;
        for (;;) fiber::current()->suspend();
    }

    goroutine* find(int id) {
        auto it = by_id.find(id);
        return it == by_id.end() ? nullptr : it->second;
    }

    void fail(failure_kind k, std::string message, std::vector<int> implicated = {}) {
        if (result.failure != failure_kind::none) return;
        result.failure = k;
        result.message = std::move(message);
        if (!config.record_trace) return;
        std::erase(implicated, -1);
        result.implicated = std::move(implicated);
        if (!result.implicated.empty()) result.where = result.trace[static_cast<std::size_t>(result.implicated.back())].where;
    }

    goroutine& create(std::string name, int parent, bool daemon) {
        auto g = std::make_unique<goroutine>();
        g->id = parent < 0 ? 0 : ids().goroutine(parent, find(parent)->children++);
        g->name = std::move(name);
        g->daemon = daemon;
        if (!daemon && parent >= 0) ++live;  // main's own end is its exit step
        goroutine& ref = *g;
        by_id[g->id] = &ref;
        all.push_back(std::move(g));
        return ref;
    }

    // Runs g until it announces its next operation or ends.
    void resume(goroutine& g) {
        if (g.finished || g.stopped || !g.body) return;
        goroutine* outer = running;
        running = &g;
        g.op = nullptr;
        g.body->resume();
        running = outer;
        if (g.body->finished()) {
            g.finished = true;
            if (!g.daemon && !g.is_main) --live;
            if (auto e = g.body->take_exception()) {
                try {
                    std::rethrow_exception(e);
                } catch (const panic& p) {
                    fail(failure_kind::panic, "goroutine \"" + g.name + "\": panic: " + p.what(), panic_events(g));
                } catch (const std::exception& ex) {
                    fail(failure_kind::assertion, "goroutine \"" + g.name + "\": exception: " + ex.what());
                } catch (...) {
                    fail(failure_kind::assertion, "goroutine \"" + g.name + "\": unknown exception");
                }
            }
        }
    }

    // --- enabled events ------------------------------------------------------

    static bool waiting_on(const goroutine& g) { return !g.finished && !g.stopped && g.op != nullptr; }

    static void add_channels(const pending_op& op, small_vec<int, 4>& out) {
        if (op.kind == act::select) {
            for (auto& c : op.cases)
                if (c.chan && std::find(out.begin(), out.end(), c.chan->id()) == out.end()) out.push_back(c.chan->id());
        } else {
            for (const object_base* o : {op.obj, op.obj2})
                if (o && std::find(out.begin(), out.end(), o->id()) == out.end()) out.push_back(o->id());
        }
    }

    static bool owns(const goroutine& g, const pending_op& op) {
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

    event make(const goroutine& g, int g_case, const goroutine* h = nullptr, int h_case = -1) const {
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

    bool someone_receives_on(const chan_object* ch) const {
        return std::any_of(all.begin(), all.end(), [&](const auto& h) {
            if (!waiting_on(*h)) return false;
            if (h->op->kind == act::recv) return h->op->obj == ch;
            if (h->op->kind != act::select) return false;
            return std::any_of(h->op->cases.begin(), h->op->cases.end(),
                               [&](const auto& c) { return c.chan == ch && !c.is_send; });
        });
    }

    // Goroutines waiting to receive: the partners a hand-off can have (a
    // select's receive cases by index), sorted by channel and, per channel,
    // in creation order. Rebuilt every step into buffers kept across steps:
    // allocating per step costs more than the search itself.
    void collect_waiting_receivers() const {
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

    void send_events(const goroutine& g, int g_case, chan_object* ch, std::vector<event>& out) const {
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

    // The steps enabled in the current state, into `out` (cleared first).
    void enabled(std::vector<event>& out) const {
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

    // On the virtual clock a timer fires, and a sleep ends, once its deadline
    // has come. The clock moves only when nothing else can: then to the
    // earliest deadline, and each step due at that instant is a branch (ties
    // fire in any order). Such a step `advances` the clock: it is ordered
    // against every other step, so every execution a search takes as
    // equivalent saw the same time (a new timer's deadline reads it).
    static bool timed(const event& e) { return e.kind == act::timer_fire || e.kind == act::sleep; }
    std::int64_t deadline_of(const event& e) const { return by_id.at(e.g)->op->deadline; }
    void keep_what_the_clock_allows(std::vector<event>& out) const {
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

    // "1h0m0.5s"-style virtual time for the trace, as Go's Duration prints it
    // for the common cases.
    static std::string clock_text(std::int64_t ns) {
        if (ns % 1'000'000'000 == 0) return std::to_string(ns / 1'000'000'000) + "s";
        if (ns % 1'000'000 == 0) return std::to_string(ns / 1'000'000) + "ms";
        if (ns % 1'000 == 0) return std::to_string(ns / 1'000) + "µs";
        return std::to_string(ns) + "ns";
    }

    // A member of an interchangeable group has just run to its first step.
    void check_first_step(const goroutine& member) {
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

    // --- performing an event ---------------------------------------------------

    // Returns the event's index in the trace, -1 when none is recorded.
    int trace(goroutine& g, const std::string& op, const std::string& object, const std::string& value,
              const std::source_location& loc, int from = -1) {
        if (!config.record_trace) return -1;
        result.trace.push_back(
            {static_cast<int>(result.steps), g.name, op, object, value, {loc.file_name(), loc.line()}, from});
        g.last_traced = static_cast<int>(result.trace.size()) - 1;
        return g.last_traced;
    }

    // A panicking operation, and the close that made it panic.
    std::vector<int> panic_events(const goroutine& g) const {
        if (g.panicked_at < 0) return {};
        return {result.trace[static_cast<std::size_t>(g.panicked_at)].from, g.panicked_at};
    }

    // A failed check, and the last value its goroutine received: the one
    // a check like "this response is mine" looks at.
    std::vector<int> check_events(const goroutine& g, int check) const {
        for (int i = check - 1; i >= 0; --i) {
            const trace_event& t = result.trace[static_cast<std::size_t>(i)];
            if (t.goroutine == g.name && t.op.starts_with("receive")) return {i, check};
        }
        return {check};
    }

    // The Go memory model's edges of a completed buffered send / receive.
    static void buffered_send_edges(chan_object& ch, goroutine& g) {
        const std::size_t cap = ch.state().cap();
        // The k-th receive happens before the (k+cap)-th send completes: the
        // oldest remembered receive is exactly the one this send waits for.
        if (ch.received.size() == cap) g.hb.join(ch.received.front());
        ch.buffered.push_back(g.hb);
    }
    static void buffered_recv_edges(chan_object& ch, goroutine& g) {
        g.hb.join(ch.buffered.front());
        ch.buffered.pop_front();
        ch.received.push_back(g.hb);
        if (ch.received.size() > ch.state().cap()) ch.received.pop_front();
    }

    // g's side of a channel send (plain or a select case); `h` the partner of a hand-off.
    void do_send(goroutine& g, pending_op& op, chan_object& ch, void* src, goroutine* h, int h_case) {
        const std::string value = config.record_trace ? ch.describe(src) : std::string();
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
            return;
        }
        if (ch.state().try_send(src).status == detail::chan_status::closed) {
            op.panicked = panic_kind::send_on_closed;
            trace(g, "send (closed: panics)", ch.name(), value, op.loc, ch.traced_close);
            return;
        }
        buffered_send_edges(ch, g);
        op.ok = true;
        const int sent = g.is_timer ? trace(g, "fires", "", at_time(), op.loc) : trace(g, "send", ch.name(), value, op.loc);
        if (config.record_trace) ch.traced_sends.push_back(sent);
    }

    void do_recv(goroutine& g, pending_op& op, chan_object& ch, void* dst, bool& ok_out) {
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

    // Go's fatal errors (sync misuse) end the program: no recover can stop
    // them, so the goroutine never runs another line.
    void fatal(goroutine& g, panic_kind k) {
        g.stopped = true;
        fail(failure_kind::panic, "goroutine \"" + g.name + "\": fatal error: " + panic_message(k), {g.last_traced});
    }

    // One step of Go's RWMutex algorithm (rw_mutex_object).
    void rw_step(goroutine& g, pending_op& op) {
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

    // The clock in a timed step's trace line, on the virtual clock only.
    std::string at_time() const { return config.time == time_mode::synctest ? "at " + clock_text(now) : ""; }

    // Returns the goroutine a spawn started, or nullptr.
    goroutine* perform(const event& e) {
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

    blocked_goroutine wait_of(const goroutine& g) const {
        if (!g.forever.empty()) return {g.name, g.forever, {g.forever_at.file_name(), g.forever_at.line()}};
        if (!g.op) return {g.name, "running", {}};
        const pending_op& op = *g.op;
        std::string what = act_name(op.kind);
        if (op.kind == act::select) {
            what += " on";
            for (auto& c : op.cases) what += " " + (c.chan ? c.chan->name() : std::string("nil"));
        } else if (op.obj) {
            what += (op.kind == act::send ? " to " : op.kind == act::recv ? " from " : " on ") + op.obj->name();
        }
        return {g.name, what, {op.loc.file_name(), op.loc.line()}};
    }
    std::string describe_wait(const goroutine& g) const {
        blocked_goroutine b = wait_of(g);
        return b.where.file.empty() ? b.waiting_on : b.waiting_on + " at " + b.where.file + ":" + std::to_string(b.where.line);
    }

    // After a leak only the leaked goroutines count: main is gone, and
    // daemons may wait for ever by design.
    void collect_blocked() {
        const bool leak = result.failure == failure_kind::leak;
        for (const auto& g : all)
            if (!g->finished && !g->is_timer && (g->op || !g->forever.empty()) && !(leak && (g->daemon || g->is_main)))
                result.blocked.push_back(wait_of(*g));
        if (result.where.file.empty() && !result.blocked.empty()) result.where = result.blocked.front().where;
    }

    // Test mode, main has returned: a goroutine leaks when it is blocked and
    // nothing can move any more, as goleak judges after `go test`.
    void check_leaks() {
        std::string leaked;
        for (const auto& g : all) {
            if (g->finished || g->daemon || g->is_timer) continue;
            if (!g->op && g->forever.empty()) continue;
            leaked += (leaked.empty() ? "" : "; ") + ("goroutine \"" + g->name + "\" blocked for ever: " + describe_wait(*g));
        }
        if (!leaked.empty())
            fail(failure_kind::leak, leaked + " (main has returned and nothing can move any more)");
    }
};

execution::execution(const execution_config& config, picker& p) : impl_(std::make_unique<impl>()) {
    impl_->config = config;
    impl_->choose = &p;
}

execution::~execution() {
    // Unwind every goroutine still suspended, newest first: they may hold
    // references into older goroutines' stacks, never the other way round.
    impl_->tearing_down = true;
    execution* outer = running_execution;
    running_execution = this;
    for (auto it = impl_->all.rbegin(); it != impl_->all.rend(); ++it) (*it)->body.reset();
    running_execution = outer;
}

execution* execution::current() { return running_execution; }

execution_result execution::run(std::function<void()> main) {
    impl& m = *impl_;
    execution* outer = running_execution;
    running_execution = this;
    step_log::begin();

    goroutine& g0 = m.create("main", -1, false);
    g0.is_main = true;
    g0.hb.tick(0);
    g0.body = std::make_unique<fiber>([this, main = std::move(main)] {
        main();
        pending_op exit_op;
        exit_op.kind = act::exit;
        impl_->main_returned = true;
        perform(exit_op);
    });
    m.resume(g0);

    while (m.result.failure == failure_kind::none) {
        std::vector<event>& en = m.scratch.enabled;
        m.enabled(en);
        if (en.empty()) {
            if (m.main_returned) m.check_leaks();
            else m.fail(failure_kind::deadlock, "all goroutines are asleep - deadlock!");
            break;
        }
        if (m.result.steps >= m.config.max_steps) {
            std::string msg = "the execution ran past " + std::to_string(m.config.max_steps) +
                              " steps (a livelock suspect; a program that needs more steps can be given them with --max-steps)";
            if (const repetition loop = repeating_period(m.result.schedule); loop.period > 0) {
                const std::size_t p = loop.period;
                msg += "; over its last " + std::to_string(loop.steps) + " steps it repeats every " + std::to_string(p) +
                       " step" + (p == 1 ? "" : "s") + ":";
                const std::size_t first = m.result.schedule.size() - p;
                for (const trace_event& t : m.result.trace)
                    if (static_cast<std::size_t>(t.step) >= first) msg += " [" + t.goroutine + " " + t.op + " " + t.object + "]";
            }
            m.fail(failure_kind::step_limit, msg);
            break;
        }
        int pick = m.choose->pick(en, m.result.steps);
        if (pick < 0) {
            m.result.abandoned = true;
            break;
        }
        const event e = en[static_cast<std::size_t>(pick)];
        step_log::note(e.key_text());
        goroutine* g = m.find(e.g);
        goroutine* h = e.h >= 0 ? m.find(e.h) : nullptr;
        goroutine* spawned = m.perform(e);
        m.choose->taken(e, spawned ? spawned->id : -1);
        if (m.main_exited) break;  // the process is over
        // Resume in a fixed order so every replay is the same.
        m.resume(*g);
        if (h) m.resume(*h);
        if (spawned) m.resume(*spawned);
        if (spawned && spawned->group >= 0 && m.config.symmetry) m.check_first_step(*spawned);
    }
    if (m.result.failure != failure_kind::none) m.collect_blocked();
    for (const auto& g : m.all)
        if (m.waiting_on(*g)) m.result.pending.push_back(m.make(*g, -1));
    step_log::end();
    running_execution = outer;
    return std::move(m.result);
}

void execution::perform(pending_op& op) {
    impl& m = *impl_;
    if (m.tearing_down) return;  // a destructor during unwinding: the program is over
    goroutine& g = *m.running;
    // No time passes while a goroutine runs: a sleep is due its duration
    // after the step before it (a non-positive one at once).
    if (op.kind == act::sleep) op.deadline = m.now + std::max<std::int64_t>(0, op.duration);
    g.op = &op;
    fiber::current()->suspend();
    if (m.tearing_down) return;
    if (op.panicked) throw panic(*op.panicked);
}

void execution::block_forever(const std::source_location& loc, std::string what) {
    impl& m = *impl_;
    goroutine& g = *m.running;
    g.forever = std::move(what);
    g.forever_at = loc;
    m.park_for_good();
}

void execution::violation(std::string_view property, std::string message, const std::source_location& loc) {
    impl& m = *impl_;
    if (m.tearing_down) return;
    goroutine& g = *m.running;
    const int check = m.trace(g, "check " + std::string(property) + " fails", "", "", loc);
    m.fail(failure_kind::assertion,
           "property " + std::string(property) + " violated in goroutine \"" + g.name + "\" at " + where(loc) + ": " + message,
           m.check_events(g, check));
    m.park_for_good();
}

namespace {
std::string access_text(const char* what, const std::string& who, const std::source_location& loc) {
    return std::string(what) + " by \"" + who + "\" at " + where(loc);
}
}  // namespace

void execution::shared_read(shared_object& s, const std::source_location& loc) {
    impl& m = *impl_;
    if (m.tearing_down || !m.running) return;
    goroutine& g = *m.running;
    g.moved = true;
    const int traced = m.trace(g, "read", s.name(), "", loc);
    if (s.last_write && s.last_write->g != g.id &&
        s.last_write->clock > g.hb.get(static_cast<std::size_t>(s.last_write->g))) {
        m.fail(failure_kind::race, "data race on " + s.name() + ": " +
                                       access_text("write", m.find(s.last_write->g)->name, s.last_write->loc) +
                                       " and " + access_text("read", g.name, loc) + " are not ordered",
               {s.last_write->traced, traced});
        m.park_for_good();
    }
    auto mine = std::find_if(s.reads.begin(), s.reads.end(), [&](const shared_access& a) { return a.g == g.id; });
    shared_access a{g.id, g.hb.get(static_cast<std::size_t>(g.id)), loc, traced};
    if (mine != s.reads.end()) *mine = a;
    else s.reads.push_back(a);
}

void execution::shared_write(shared_object& s, const std::source_location& loc) {
    impl& m = *impl_;
    if (m.tearing_down || !m.running) return;
    goroutine& g = *m.running;
    g.moved = true;
    const int traced = m.trace(g, "write", s.name(), "", loc);
    auto unordered = [&](const shared_access& a) {
        return a.g != g.id && a.clock > g.hb.get(static_cast<std::size_t>(a.g));
    };
    const shared_access* other = nullptr;
    const char* kind = "write";
    if (s.last_write && unordered(*s.last_write)) other = &*s.last_write;
    for (const auto& r : s.reads)
        if (!other && unordered(r)) {
            other = &r;
            kind = "read";
        }
    if (other) {
        m.fail(failure_kind::race, "data race on " + s.name() + ": " +
                                       access_text(kind, m.find(other->g)->name, other->loc) + " and " +
                                       access_text("write", g.name, loc) + " are not ordered",
               {other->traced, traced});
        m.park_for_good();
    }
    s.last_write = shared_access{g.id, g.hb.get(static_cast<std::size_t>(g.id)), loc, traced};
    s.reads.clear();
}

void execution::start_timer(std::shared_ptr<chan_object> ch, std::chrono::nanoseconds d, const std::source_location& loc) {
    impl& m = *impl_;
    goroutine& parent = *m.running;
    goroutine& t = m.create("timer of " + parent.name, parent.id, true);
    t.is_timer = true;
    t.hb = parent.hb;
    t.hb.tick(static_cast<std::size_t>(t.id));
    parent.hb.tick(static_cast<std::size_t>(parent.id));
    t.timer_chan = std::move(ch);
    t.timer_op.kind = act::timer_fire;
    t.timer_op.obj = t.timer_chan.get();
    t.timer_op.elem = &t.timer_value;
    t.timer_op.loc = loc;
    t.timer_op.deadline = m.now + std::max<std::int64_t>(0, d.count());
    t.op = &t.timer_op;
    m.choose->created(t.id, parent.id);
}

int execution::register_object(object_base&) {
    impl& m = *impl_;
    if (!m.running) return -1;
    const int id = m.ids().object(m.running->id, m.running->objects++);
    m.creator[id] = m.running->id;
    return id;
}

}  // namespace chancheck::explore_detail
