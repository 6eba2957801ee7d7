// Greedy shrinking of disagreeing programs; see shrink.hpp.
#include "shrink.hpp"

#include <algorithm>
#include <chrono>
#include <functional>

namespace fuzz {

namespace {

using list = std::vector<stmt>;

// Every statement list of the reachable goroutines, depth first, in a
// fixed order: the n-th list of a copy is the n-th list of the original.
void each_list(list& l, const std::function<void(list&)>& f) {
    f(l);
    for (stmt& s : l) {
        each_list(s.body, f);
        each_list(s.otherwise, f);
        for (arm& a : s.arms) each_list(a.body, f);
    }
}
void each_list(program& p, const std::function<void(list&)>& f) {
    for (int g : reachable(p)) each_list(p.g[static_cast<std::size_t>(g)].body, f);
}

enum class edit { remove, unroll, drop_arm, drop_default, arm_alone, fewer_members };

// Applies `e` to statement i of the n-th list (arm k for drop_arm); false
// when it does not apply there.
bool apply(program& p, std::size_t n, std::size_t i, edit e, std::size_t k) {
    list* target = nullptr;
    std::size_t seen = 0;
    each_list(p, [&](list& l) {
        if (seen++ == n) target = &l;
    });
    if (!target || i >= target->size()) return false;
    list& l = *target;
    stmt& s = l[i];
    switch (e) {
        case edit::remove: l.erase(l.begin() + static_cast<std::ptrdiff_t>(i)); return true;
        case edit::unroll: {
            if (s.kind != op::loop && s.kind != op::range) return false;
            list inner;
            if (s.kind == op::range) {
                stmt r;
                r.kind = op::recv;
                r.a = s.a;
                inner.push_back(r);
            }
            inner.insert(inner.end(), s.body.begin(), s.body.end());
            l.erase(l.begin() + static_cast<std::ptrdiff_t>(i));
            l.insert(l.begin() + static_cast<std::ptrdiff_t>(i), inner.begin(), inner.end());
            return true;
        }
        case edit::drop_arm:
            if (s.kind != op::select || k >= s.arms.size() || s.arms.size() + (s.has_default ? 1 : 0) < 2) return false;
            s.arms.erase(s.arms.begin() + static_cast<std::ptrdiff_t>(k));
            return true;
        case edit::drop_default:
            if (s.kind != op::select || !s.has_default || s.arms.empty()) return false;
            s.has_default = false;
            s.otherwise.clear();
            return true;
        case edit::arm_alone: {
            // A select of one case and no default is that operation.
            if (s.kind != op::select || s.arms.size() != 1 || s.has_default) return false;
            const arm a = s.arms[0];
            stmt x;
            x.kind = a.timer ? op::after : a.send ? op::send : op::recv;
            x.a = a.chan;
            x.value = a.value;
            list inner{x};
            inner.insert(inner.end(), a.body.begin(), a.body.end());
            l.erase(l.begin() + static_cast<std::ptrdiff_t>(i));
            l.insert(l.begin() + static_cast<std::ptrdiff_t>(i), inner.begin(), inner.end());
            return true;
        }
        case edit::fewer_members:
            if (s.kind != op::go || s.value <= 1) return false;
            --s.value;
            return true;
    }
    return false;
}

// Every one-edit variant of p, the ones that remove most first.
std::vector<program> variants(const program& p) {
    std::vector<program> out;
    program copy = p;
    std::vector<std::size_t> sizes;
    each_list(copy, [&](list& l) { sizes.push_back(l.size()); });
    auto each_edit = [&](edit e, std::size_t arms) {
        for (std::size_t n = 0; n < sizes.size(); ++n)
            for (std::size_t i = 0; i < sizes[n]; ++i)
                for (std::size_t k = 0; k < arms; ++k) {
                    program v = p;
                    if (apply(v, n, i, e, k)) out.push_back(std::move(v));
                }
    };
    each_edit(edit::remove, 1);
    each_edit(edit::fewer_members, 1);
    each_edit(edit::drop_arm, 3);
    each_edit(edit::drop_default, 1);
    each_edit(edit::arm_alone, 1);
    each_edit(edit::unroll, 1);
    for (std::size_t g = 0; g < p.g.size(); ++g)
        if (p.g[g].recover) {
            program v = p;
            v.g[g].recover = false;
            out.push_back(std::move(v));
        }
    for (std::size_t c = 0; c < p.chans.size(); ++c)
        if (p.chans[c] > 0) {
            program v = p;
            --v.chans[c];
            out.push_back(std::move(v));
        }
    return out;
}

// p without two of its statements, each pair once.
std::vector<program> pairs_removed(const program& p) {
    std::vector<std::pair<std::size_t, std::size_t>> at;  // (list, index)
    program copy = p;
    std::size_t n = 0;
    each_list(copy, [&](list& l) {
        for (std::size_t i = 0; i < l.size(); ++i) at.emplace_back(n, i);
        ++n;
    });
    std::vector<program> out;
    for (std::size_t x = 0; x < at.size(); ++x)
        for (std::size_t y = x + 1; y < at.size(); ++y) {
            program v = p;
            // The later one first: removing it leaves the earlier one's place.
            if (apply(v, at[y].first, at[y].second, edit::remove, 0) && apply(v, at[x].first, at[x].second, edit::remove, 0))
                out.push_back(std::move(v));
        }
    return out;
}

// Renumbers the objects of one kind that some statement uses.
struct renumbering {
    std::vector<int> to;
    int used = 0;
    explicit renumbering(int count) : to(static_cast<std::size_t>(std::max(count, 0)), -1) {}
    void mark(int k) {
        if (k >= 0 && static_cast<std::size_t>(k) < to.size() && to[static_cast<std::size_t>(k)] < 0) to[static_cast<std::size_t>(k)] = 0;
    }
    void number() {
        for (int& t : to)
            if (t >= 0) t = used++;
    }
    int operator()(int k) const { return to[static_cast<std::size_t>(k)]; }
};

}  // namespace

bool still_disagrees(const program& p, mode m, const std::string& signature, const search_limits& limits) {
    const outcome_set oracle = explore_outcomes(p, mode::oracle, limits);
    if (!oracle.complete || !oracle.error.empty()) return false;
    const outcome_set other = explore_outcomes(p, m, limits);
    if (!other.complete && other.error.empty()) return false;
    const difference d = compare(oracle, other, m);
    return d.disagrees && d.signature.contains(signature);
}

program shrink(const program& p, mode m, const std::string& signature, const search_limits& limits,
               const shrink_budget& budget) {
    const auto start = std::chrono::steady_clock::now();
    auto out_of_budget = [&](int checks) {
        return checks >= budget.checks ||
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= budget.seconds;
    };
    program best = p;
    int checks = 0;
    auto first_kept = [&](std::vector<program> candidates) {
        for (program& v : candidates) {
            if (out_of_budget(checks)) return false;
            ++checks;
            if (still_disagrees(v, m, signature, limits)) {
                best = std::move(v);
                return true;
            }
        }
        return false;
    };
    // Two statements at once only where no single edit is kept: a send
    // and the receive that meets it often go together.
    while (!out_of_budget(checks) && (first_kept(variants(best)) || first_kept(pairs_removed(best)))) {
    }
    program small = compact(best);
    return still_disagrees(small, m, signature, limits) ? small : best;
}

program compact(const program& p) {
    program out = p;
    const std::vector<int> live = reachable(p);
    renumbering chans(static_cast<int>(p.chans.size())), mutexes(p.mutexes), rws(p.rw_mutexes), wgs(p.wait_groups),
        conds(p.conds), shareds(p.shareds), gs(static_cast<int>(p.g.size()));
    for (int g : live) gs.mark(g);
    auto which = [&](op k) -> renumbering* {
        switch (k) {
            case op::send: case op::recv: case op::close: case op::len: case op::cap: case op::range: return &chans;
            case op::lock: case op::unlock: return &mutexes;
            case op::rlock: case op::runlock: case op::wlock: case op::wunlock: return &rws;
            case op::wg_add: case op::wg_done: case op::wg_wait: return &wgs;
            case op::cond_wait: case op::cond_signal: case op::cond_broadcast: return &conds;
            case op::read: case op::write: return &shareds;
            case op::go: return &gs;
            default: return nullptr;
        }
    };
    auto visit = [&](bool renumber) {
        each_list(out, [&](list& l) {
            for (stmt& s : l) {
                if (renumbering* r = which(s.kind)) renumber ? void(s.a = (*r)(s.a)) : r->mark(s.a);
                for (arm& a : s.arms)
                    if (!a.timer) renumber ? void(a.chan = chans(a.chan)) : chans.mark(a.chan);
            }
        });
    };
    visit(false);
    for (auto* r : {&chans, &mutexes, &rws, &wgs, &conds, &shareds, &gs}) r->number();
    visit(true);
    std::vector<int> caps(static_cast<std::size_t>(chans.used));
    for (std::size_t c = 0; c < p.chans.size(); ++c)
        if (chans.to[c] >= 0) caps[static_cast<std::size_t>(chans.to[c])] = p.chans[c];
    out.chans = caps;
    out.mutexes = mutexes.used;
    out.rw_mutexes = rws.used;
    out.wait_groups = wgs.used;
    out.conds = conds.used;
    out.shareds = shareds.used;
    std::vector<goroutine> g(static_cast<std::size_t>(gs.used));
    for (std::size_t k = 0; k < p.g.size(); ++k)
        if (gs.to[k] >= 0) g[static_cast<std::size_t>(gs.to[k])] = std::move(out.g[k]);
    out.g = std::move(g);
    return out;
}

}  // namespace fuzz
