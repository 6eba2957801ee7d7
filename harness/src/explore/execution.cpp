// One execution: goroutines on fibers, the loop that asks the strategy for
// the next step among those enabled (enabled.cpp) and performs it
// (steps.cpp), the backend's entry points, shared<T> race detection, and
// what a goroutine left blocked (a deadlock, a leak).
#include "execution_impl.hpp"

#include <algorithm>
#include <exception>
#include <sstream>
#include <unistd.h>

namespace chancheck::explore_detail {

namespace {

thread_local execution* running_execution = nullptr;


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

void execution::impl::fail(failure_kind k, std::string message, std::vector<int> implicated) {
    if (result.failure != failure_kind::none) return;
    result.failure = k;
    result.message = std::move(message);
    if (!config.record_trace) return;
    std::erase(implicated, -1);
    result.implicated = std::move(implicated);
    if (!result.implicated.empty()) result.where = result.trace[static_cast<std::size_t>(result.implicated.back())].where;
}
auto execution::impl::create(std::string name, int parent, bool daemon) -> goroutine& {
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
void execution::impl::resume(goroutine& g) {
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
auto execution::impl::wait_of(const goroutine& g) const -> blocked_goroutine {
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
std::string execution::impl::describe_wait(const goroutine& g) const {
    blocked_goroutine b = wait_of(g);
    return b.where.file.empty() ? b.waiting_on : b.waiting_on + " at " + b.where.file + ":" + std::to_string(b.where.line);
}
void execution::impl::collect_blocked() {
    const bool leak = result.failure == failure_kind::leak;
    for (const auto& g : all)
        if (!g->finished && !g->is_timer && (g->op || !g->forever.empty()) && !(leak && (g->daemon || g->is_main)))
            result.blocked.push_back(wait_of(*g));
    if (result.where.file.empty() && !result.blocked.empty()) result.where = result.blocked.front().where;
}
void execution::impl::check_leaks() {
    std::string leaked;
    for (const auto& g : all) {
        if (g->finished || g->daemon || g->is_timer) continue;
        if (!g->op && g->forever.empty()) continue;
        leaked += (leaked.empty() ? "" : "; ") + ("goroutine \"" + g->name + "\" blocked for ever: " + describe_wait(*g));
    }
    if (!leaked.empty())
        fail(failure_kind::leak, leaked + " (main has returned and nothing can move any more)");
}

execution::execution(const execution_config& config, picker& p) : impl_(std::make_unique<impl>()) {
    impl_->config = config;
    impl_->choose = &p;
}

execution::~execution() {
    // Unwind every goroutine still suspended, newest first: they may hold
    // references into older goroutines' stacks, never the other way round.
    impl& m = *impl_;
    m.tearing_down = true;
    m.unwinding_before = std::uncaught_exceptions();
    execution* outer = running_execution;
    running_execution = this;
    for (std::size_t i = m.all.size(); i-- > 0;) {
        m.let_release_return(*m.all[i]);
        m.all[i]->body.reset();
    }
    running_execution = outer;
}

// A goroutine waiting to release something (an unlock, a Done, a close, a
// signal) may be waiting inside a destructor, a guard's, where the exception
// that unwinds its stack must not pass (it would end the process). The step
// returns instead, doing nothing, and the goroutine runs on to its next
// operation, where it waits to be unwound (execution::perform). Its code in
// between runs, though the execution is over: what it does is seen by
// nothing the search reports.
void execution::impl::let_release_return(goroutine& g) {
    auto releases = [](act k) {
        return k == act::unlock || k == act::runlock || k == act::rw_unlock || k == act::wg_add || k == act::close ||
               k == act::cond_signal || k == act::cond_broadcast;
    };
    while (g.body && !g.body->finished() && !g.stopped && g.op && releases(g.op->kind)) {
        g.op = nullptr;
        goroutine* outer = running;
        running = &g;
        g.body->resume();
        running = outer;
    }
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
    if (m.tearing_down) {
        // A destructor while the goroutine is unwound: the program is over.
        if (std::uncaught_exceptions() > m.unwinding_before) return;
        // Let out of a release (~execution): wait here to be unwound.
        m.running->op = &op;
        fiber::current()->suspend();
        return;
    }
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
    if (m.tearing_down) return;  // a goroutine let out of a release: it fires never
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
