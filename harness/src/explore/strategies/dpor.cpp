// Source-set DPOR with sleep sets; see dpor.hpp.
#include "dpor.hpp"

#include <algorithm>
#include <stdexcept>

namespace chancheck::explore_detail {

namespace {

bool contains_key(const std::vector<event>& v, const event& e) {
    return std::any_of(v.begin(), v.end(), [&](const event& x) { return x.same_key(e); });
}

}  // namespace

vector_clock& dpor::clock_of(int g) {
    if (static_cast<std::size_t>(g) >= gclock_.size()) gclock_.resize(static_cast<std::size_t>(g) + 1);
    return gclock_[static_cast<std::size_t>(g)];
}

// The orbit of e in n's state (event.hpp), for an event of this state: the
// events of a sleep set carry the orbits of the state they were added in.
int dpor::orbit_at(const node& n, const event& e) {
    for (const event& en : n.enabled)
        if (en.same_key(e)) return en.orbit;
    return -1;
}

// With symmetry, an image of a step that is covered is covered: its subtree
// is the image of the other's. `current` says v's events are of this state.
bool dpor::in_orbit_of(const node& n, const event& e, const std::vector<event>& v, bool current) {
    const int orbit = e.orbit >= 0 ? e.orbit : orbit_at(n, e);
    if (orbit < 0) return false;
    return std::any_of(v.begin(), v.end(), [&](const event& x) { return (current ? x.orbit : orbit_at(n, x)) == orbit; });
}

bool dpor::covered(const node& n, const event& e) const {
    return contains_key(n.backtrack, e) || contains_key(n.done, e) || contains_key(n.sleep, e) ||
           in_orbit_of(n, e, n.backtrack, true) || in_orbit_of(n, e, n.done, true) || in_orbit_of(n, e, n.sleep, false);
}

// Other choices of the current step's goroutines here (another ready select
// case, the default, another partner for a hand-off) conflict with it and
// never show up later in the trace as a race: they are all branches, whether
// the node took the step first or came back for it.
void dpor::add_alternatives(node& n) {
    const event cur = n.current;
    for (std::size_t k = 0; k < n.enabled.size(); ++k) {
        const event& alt = n.enabled[k];
        if (alt.same_key(cur) || !(alt.involves(cur.g) || (cur.h >= 0 && alt.involves(cur.h)))) continue;
        if (contains_key(n.sleep, alt) || contains_key(n.backtrack, alt) || contains_key(n.done, alt)) continue;
        n.backtrack.push_back(n.enabled[k]);
    }
}

int dpor::pick(std::span<const event> enabled, std::size_t step) {
    if (step < stack_.size()) {
        const event& want = stack_[step].current;
        for (std::size_t k = 0; k < enabled.size(); ++k)
            if (enabled[k].same_key(want)) return static_cast<int>(k);
        throw std::runtime_error("the model is not deterministic: replaying the same steps offered other choices");
    }
    node n = fresh_node();
    // One event per orbit is kept: the others are images of it, covered
    // whenever it is (and N interchangeable goroutines would otherwise make
    // every node's list N long).
    for (const event& e : enabled)
        if (e.orbit < 0 || std::none_of(n.enabled.begin(), n.enabled.end(), [&](const event& x) { return x.orbit == e.orbit; }))
            n.enabled.push_back(e);
    if (!stack_.empty()) {
        // A sleeping step is judged as it would run in the parent's state,
        // not as it ran where it was put to sleep: a Done's footprint (the
        // counter it meets) changes as other Dones run.
        const node& parent = stack_.back();
        for (const event& t : parent.sleep) {
            const event* fresh = &t;
            for (const event& en : parent.enabled)
                if (en.same_key(t)) fresh = &en;
            if (!dependent(*fresh, parent.current)) n.sleep.push_back(*fresh);
        }
    }
    // Asleep, or an image of a step that is.
    auto asleep = [&](const event& e) {
        if (contains_key(n.sleep, e)) return true;
        if (e.orbit < 0) return false;
        for (const event& t : n.sleep)
            for (const event& x : enabled)
                if (x.orbit == e.orbit && x.same_key(t)) return true;
        return false;
    };
    for (std::size_t k = 0; k < enabled.size(); ++k) {
        if (asleep(enabled[k])) continue;
        n.current = enabled[k];
        n.done.push_back(enabled[k]);
        n.backtrack.push_back(enabled[k]);
        add_alternatives(n);
        // Where the virtual clock moves, every step due at that instant is
        // a branch: which fires first is a race no later step records.
        if (step < full_above_ || n.current.advances)
            for (const event& e : n.enabled)
                if (!covered(n, e)) n.backtrack.push_back(e);
        stack_.push_back(std::move(n));
        return static_cast<int>(k);
    }
    ++sleep_blocked_;
    return -1;
}

void dpor::created(int child, int parent) {
    vector_clock inherited = clock_of(parent);  // a copy: clock_of(child) may grow the table
    clock_of(child) = std::move(inherited);
}

void dpor::join_reads_from(const event& e, std::size_t index, vector_clock& c) {
    if (e.channel >= 0 && e.h < 0) {
        channel_track& ch = channels_[e.channel];
        if (e.via_close) {
            c.join(ch.closed);
        } else if (e.sends) {
            // The (k + cap)-th send waits for the k-th receive to free a slot.
            const std::size_t n = ch.sends.size();
            if (e.capacity > 0 && n >= e.capacity && n - e.capacity < ch.recvs.size())
                c.join(trace_[ch.recvs[n - e.capacity]].clock);
            ch.sends.push_back(index);
        } else if (ch.receives < ch.sends.size()) {
            c.join(trace_[ch.sends[ch.receives++]].clock);
            ch.recvs.push_back(index);
        }
        return;
    }
    if (e.objects.empty()) return;
    const int o = e.objects[0];
    switch (e.kind) {
        case act::lock:
        case act::rlock:
        case act::rlock_wait:  // the writer's unlock that admitted it is the latest
        case act::wg_wait: c.join(released_[o]); break;
        case act::rw_lock:
        case act::rw_lock_wait:
            c.join(released_[o]);
            c.join(read_released_[o]);
            break;
        default: break;
    }
}

void dpor::taken(const event& e, int spawned) {
    step s;
    s.e = e;
    s.pre_g = clock_of(e.g);
    vector_clock c = s.pre_g;
    if (e.h >= 0) {
        s.pre_h = clock_of(e.h);
        c.join(s.pre_h);
    }
    // Everything before the exit, or a step that moves the virtual clock,
    // happened before it. Not the other way round for the clock: a goroutine
    // that waited through it reached its operation before it, and the
    // search must still see that arrival race with what came before.
    if (e.kind == act::exit || e.advances) {
        for (const auto& g : gclock_) c.join(g);
    } else {
        // Newest first: a step already in c's past brings nothing new.
        sharing(e, trace_.size(), sharing_scratch_);
        for (std::size_t i : sharing_scratch_)
            if (!hb(i, c) && dependent(trace_[i].e, e)) c.join(trace_[i].clock);
    }
    join_reads_from(e, trace_.size(), c);
    c.set(static_cast<std::size_t>(e.g), s.pre_g.get(static_cast<std::size_t>(e.g)) + 1);
    if (e.h >= 0) c.set(static_cast<std::size_t>(e.h), s.pre_h.get(static_cast<std::size_t>(e.h)) + 1);
    clock_of(e.g) = c;
    if (e.h >= 0) clock_of(e.h) = c;
    if (spawned >= 0) clock_of(spawned) = c;
    if (e.kind == act::close && e.channel < 0 && !e.objects.empty()) channels_[e.objects[0]].closed.join(c);
    if ((e.kind == act::unlock || e.kind == act::rw_unlock || e.kind == act::wg_add) && e.objects.size() == 1)
        released_[e.objects[0]].join(c);
    if (e.kind == act::runlock && e.objects.size() == 1) read_released_[e.objects[0]].join(c);
    // A Cond's wait touches the Cond, then the mutex it releases.
    if (e.kind == act::cond_wait && e.objects.size() == 2) released_[e.objects[1]].join(c);
    s.clock = std::move(c);
    for (int o : e.objects) by_object_[o].push_back(trace_.size());
    for (int x : {e.g, e.h}) {
        if (x < 0) continue;
        if (static_cast<std::size_t>(x) >= steps_of_.size()) steps_of_.resize(static_cast<std::size_t>(x) + 1);
        steps_of_[static_cast<std::size_t>(x)].push_back(trace_.size());
    }
    trace_.push_back(std::move(s));
}

void dpor::sharing(const event& e, std::size_t before, std::vector<std::size_t>& out) const {
    out.clear();
    for (int o : e.objects) {
        auto it = by_object_.find(o);
        if (it == by_object_.end()) continue;
        for (std::size_t i : it->second)
            if (i < before) out.push_back(i);
    }
    std::sort(out.begin(), out.end(), std::greater<>());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

dpor::node dpor::fresh_node() {
    if (spare_nodes_.empty()) return {};
    node n = std::move(spare_nodes_.back());
    spare_nodes_.pop_back();
    n.enabled.clear();
    n.sleep.clear();
    n.backtrack.clear();
    n.done.clear();
    return n;
}

void dpor::add_initial(std::size_t i, const std::vector<std::size_t>& v, const event* last) {
    node& n = stack_[i];
    // The first steps of v: those with no happens-before predecessor in v.
    std::vector<const event*> initials;
    for (std::size_t a = 0; a < v.size(); ++a) {
        bool first = true;
        for (std::size_t b = 0; b < a && first; ++b)
            if (hb(v[b], trace_[v[a]].clock)) first = false;
        if (first) initials.push_back(&trace_[v[a]].e);
    }
    if (last) initials.push_back(last);
    // A step is named by its key, and the same goroutine's step can have
    // another key in this earlier state: a select takes its default where
    // the case it took later was not ready yet, a hand-off has another
    // partner. Running that goroutine first here is what reverses the race,
    // whichever step it then takes: goroutines, not keys, are the initials.
    auto of_initial = [&](const event& en) {
        return std::any_of(initials.begin(), initials.end(), [&](const event* e) {
            return en.same_key(*e) || en.involves(e->g) || (e->h >= 0 && en.involves(e->h));
        });
    };
    for (const event* e : initials)
        if (covered(n, *e)) return;
    for (const event* e : initials)
        for (const event& en : n.enabled)
            if (en.same_key(*e)) {
                n.backtrack.push_back(en);
                return;
            }
    for (const event& en : n.enabled)
        if (of_initial(en) && covered(n, en)) return;
    bool added = false;
    for (const event& en : n.enabled)
        if (of_initial(en)) {
            n.backtrack.push_back(en);
            added = true;
        }
    if (added) return;
    // No initial can move in this state (it waits for a partner that has not
    // arrived): every step here, as in Flanagan and Godefroid's DPOR.
    for (const event& en : n.enabled)
        if (!covered(n, en)) n.backtrack.push_back(en);
}

void dpor::analyse_race(std::size_t i, std::size_t j) {
    std::vector<std::size_t> v;
    for (std::size_t k = i + 1; k < j; ++k)
        if (!hb(i, trace_[k].clock)) v.push_back(k);
    // e_j is an initial unless something in v happens before it.
    bool j_first = true;
    for (std::size_t k : v)
        if (hb(k, trace_[j].clock)) j_first = false;
    add_initial(i, v, j_first ? &trace_[j].e : nullptr);
}

// Goroutine x reached its operation on `objects` (performed at j_end, or
// still pending) independently of event i on the same object (or of main's
// exit): at the state before i it could have gone first, or been the
// partner instead.
void dpor::analyse_arrival(std::size_t i, std::size_t j_end, int x, const small_vec<int, 4>& objects,
                           const vector_clock& pre_x, std::size_t after_last) {
    std::vector<std::size_t> v;
    for (std::size_t k = i + 1; k < std::min(j_end, after_last); ++k)
        if (!hb(i, trace_[k].clock) && hb(k, pre_x)) v.push_back(k);
    node& n = stack_[i];
    if (!v.empty()) {
        add_initial(i, v, nullptr);
        return;
    }
    for (const event& en : n.enabled) {
        if (!en.involves(x) || covered(n, en)) continue;
        bool same = objects.empty() || std::any_of(en.objects.begin(), en.objects.end(), [&](int o) {
            return std::find(objects.begin(), objects.end(), o) != objects.end();
        });
        if (same) n.backtrack.push_back(en);
    }
}

// One past the last step that happens before clock c: no later step can.
std::size_t dpor::end_of_past(const vector_clock& c) const {
    std::size_t end = 0;
    for (std::size_t g = 0; g < steps_of_.size(); ++g) {
        const std::size_t m = c.get(g);
        if (m > 0 && m <= steps_of_[g].size()) end = std::max(end, steps_of_[g][m - 1] + 1);
    }
    return end;
}

void dpor::finished(const execution_result& r) {
    const std::size_t n = std::min(trace_.size(), stack_.size());
    std::vector<std::size_t> shared, everything;
    for (std::size_t j = replayed_; j < n; ++j) {
        const step& sj = trace_[j];
        // The clock moves only where nothing else can: no step before could
        // have waited for it.
        if (sj.e.advances) continue;
        vector_clock acc = sj.pre_g;
        if (sj.e.h >= 0) acc.join(sj.pre_h);
        sharing(sj.e, j, shared);
        everything.clear();
        if (sj.e.kind == act::exit)
            for (std::size_t i = j; i-- > 0;) everything.push_back(i);
        for (std::size_t i : sj.e.kind == act::exit ? everything : shared) {
            const step& si = trace_[i];
            if (hb(i, acc) || !dependent(si.e, sj.e)) continue;
            if (!si.e.involves(sj.e.g) && !(sj.e.h >= 0 && si.e.involves(sj.e.h))) analyse_race(i, j);
            acc.join(si.clock);
        }
        // While j's goroutine waited with this step announced, a dependent
        // step by another may have disabled it (took the value it would
        // have taken), and a later step hides that race from the walk
        // above, which stops at the newest race. As in Flanagan and
        // Godefroid's DPOR, the newest such step before each state it
        // waited through is a race of its own: every one taken while it
        // waited, and the newest before it arrived.
        for (int x : {sj.e.g, sj.e.h}) {
            if (x < 0) continue;
            const vector_clock& pre_x = x == sj.e.g ? sj.pre_g : sj.pre_h;
            const auto& mine = steps_of_[static_cast<std::size_t>(x)];
            const auto at = std::lower_bound(mine.begin(), mine.end(), j);
            const std::size_t since = at == mine.begin() ? 0 : *(at - 1) + 1;
            for (std::size_t i : shared) {  // newest first
                const step& si = trace_[i];
                if (si.e.involves(sj.e.g) || (sj.e.h >= 0 && si.e.involves(sj.e.h)) || hb(i, pre_x) ||
                    !dependent(si.e, sj.e))
                    continue;
                analyse_race(i, j);
                if (i < since) break;
            }
        }
        if (sj.e.h >= 0) {
            for (int x : {sj.e.g, sj.e.h}) {
                const vector_clock& pre_x = x == sj.e.g ? sj.pre_g : sj.pre_h;
                const std::size_t past = end_of_past(pre_x);
                for (std::size_t i : shared) {
                    const step& si = trace_[i];
                    if (si.e.involves(x) || hb(i, pre_x)) continue;
                    analyse_arrival(i, j, x, sj.e.objects, pre_x, past);
                }
            }
        }
    }
    // Operations announced but never performed.
    for (const event& p : r.pending) {
        const vector_clock& pre_x = clock_of(p.g);
        const std::size_t past = end_of_past(pre_x);
        for (std::size_t i = 0; i < n; ++i) {
            const step& si = trace_[i];
            if (si.e.involves(p.g) || hb(i, pre_x) || !dependent(si.e, p)) continue;
            analyse_arrival(i, n, p.g, p.objects, pre_x, past);
        }
    }
}

bool dpor::backtrack() {
    trace_.clear();
    gclock_.clear();
    // Objects and goroutines keep their numbers from one execution to the
    // next: keep their entries and empty them.
    for (auto& [id, ch] : channels_) {
        ch.sends.clear();
        ch.recvs.clear();
        ch.receives = 0;
        ch.closed.clear();
    }
    for (auto& [id, c] : released_) c.clear();
    for (auto& [id, c] : read_released_) c.clear();
    for (auto& [id, steps] : by_object_) steps.clear();
    for (auto& steps : steps_of_) steps.clear();
    while (!stack_.empty()) {
        node& top = stack_.back();
        top.sleep.push_back(top.current);
        for (const event& b : top.backtrack) {
            if (contains_key(top.done, b) || contains_key(top.sleep, b)) continue;
            if (in_orbit_of(top, b, top.done, true) || in_orbit_of(top, b, top.sleep, false)) {
                top.done.push_back(b);
                top.sleep.push_back(b);
                continue;
            }
            top.current = b;
            top.done.push_back(b);
            add_alternatives(top);
            replayed_ = stack_.size() - 1;
            return true;
        }
        spare_nodes_.push_back(std::move(stack_.back()));
        stack_.pop_back();
    }
    done_ = true;
    return false;
}

}  // namespace chancheck::explore_detail
