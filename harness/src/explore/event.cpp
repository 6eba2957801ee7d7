// The dependency relation over events, and their textual keys.
#include <chancheck/explore/event.hpp>

#include <charconv>

namespace chancheck::explore_detail {

const char* act_name(act a) {
    switch (a) {
        case act::send: return "send";
        case act::recv: return "receive";
        case act::close: return "close";
        case act::select: return "select";
        case act::lock: return "lock";
        case act::unlock: return "unlock";
        case act::rlock: return "rlock";
        case act::runlock: return "runlock";
        case act::rw_lock: return "lock";
        case act::rw_unlock: return "unlock";
        case act::wg_add: return "add";
        case act::wg_wait: return "wait";
        case act::cond_wait: return "wait";
        case act::cond_woken: return "wait";
        case act::cond_signal: return "signal";
        case act::cond_broadcast: return "broadcast";
        case act::sleep: return "sleep";
        case act::spawn: return "go";
        case act::exit: return "exit";
        case act::timer_fire: return "timer fires";
    }
    return "?";
}

namespace {

bool share_object(const event& a, const event& b) {
    for (int x : a.objects)
        for (int y : b.objects)
            if (x == y) return true;
    return false;
}

}  // namespace

namespace {

bool is_send(const event& e) { return e.kind == act::send || e.kind == act::timer_fire; }

// Two plain operations on the same object: dependent unless they commute in
// every state where both are enabled (or can never both be enabled).
bool conflict(const event& a, const event& b) {
    using enum act;
    auto pair = [&](act x, act y) { return (a.kind == x && b.kind == y) || (a.kind == y && b.kind == x); };
    // Channels. A close changes what every other operation does.
    if (a.kind == close || b.kind == close) return true;
    // Disjoint hand-offs on one unbuffered channel both happen, in either order.
    if (a.h >= 0 && b.h >= 0) return false;
    // A buffered send appends, a receive takes the head: both enabled means
    // 0 < len < cap, where they commute (and so do their memory-model edges).
    if ((is_send(a) && b.kind == recv) || (is_send(b) && a.kind == recv)) return false;
    // Mutexes. An unlock (and a Cond's wait, which unlocks as it queues) by
    // the holder leaves no lock enabled beside it: never both enabled. Go's
    // mutexes have no owner, though: any other unlock is enabled in every
    // state and panics with the mutex free, where a lock would succeed, so
    // it is ordered against locks.
    const bool unlocker_holds = (a.kind == unlock || a.kind == cond_wait || a.kind == runlock || a.kind == rw_unlock)
                                    ? a.owned
                                    : b.owned;
    if (pair(lock, unlock) || pair(lock, cond_wait)) return !unlocker_holds;
    // RWMutex: readers commute with readers; a holder's unlock is never
    // enabled beside a lock it excludes.
    if (pair(rlock, rlock)) return false;
    if (pair(runlock, runlock)) return !(a.owned && b.owned);
    if (pair(rlock, runlock) || pair(runlock, rw_lock) || pair(rw_unlock, rlock) || pair(rw_unlock, rw_lock))
        return !unlocker_holds;
    // WaitGroup: counter changes commute; Wait needs zero, so only an Add
    // that raises the counter can disable it.
    if (pair(wg_add, wg_add) || pair(wg_wait, wg_wait)) return false;
    if (pair(wg_add, wg_wait)) return a.adds || b.adds;
    return true;
}

}  // namespace

bool dependent(const event& a, const event& b) {
    if (a.involves(b.g) || (b.h >= 0 && a.involves(b.h))) return true;
    // main's exit ends every other goroutine: it is ordered against
    // everything, except a timer firing into its channel's buffer with no
    // one waiting. That step cannot fail, and nothing can see it but a
    // later receive, which is itself ordered against the exit; without this,
    // every set of timers that fired before the exit was one more trace
    // (2^N executions for N requesters that each start a timer).
    const auto unseen_fire = [](const event& e) { return e.kind == act::timer_fire && e.h < 0; };
    if (a.kind == act::exit || b.kind == act::exit) return !unseen_fire(a) && !unseen_fire(b);
    if (!share_object(a, b)) return false;
    if (a.observes_all || b.observes_all) return true;
    return conflict(a, b);
}

std::string event::key_text() const {
    std::string s = std::to_string(g);
    if (g_case == default_case) s += ".d";
    else if (g_case >= 0) s += "." + std::to_string(g_case);
    if (h >= 0) {
        s += ">" + std::to_string(h);
        if (h_case >= 0) s += "." + std::to_string(h_case);
    }
    return s;
}

namespace {

// "12" or "12.3" or "12.d" into (goroutine, case).
bool parse_side(std::string_view t, int& g, int& c) {
    auto dot = t.find('.');
    std::string_view num = t.substr(0, dot);
    auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), g);
    if (ec != std::errc() || p != num.data() + num.size() || num.empty() || g < 0) return false;
    c = -1;
    if (dot == std::string_view::npos) return true;
    std::string_view cs = t.substr(dot + 1);
    if (cs == "d") {
        c = default_case;
        return true;
    }
    auto [q, ec2] = std::from_chars(cs.data(), cs.data() + cs.size(), c);
    return ec2 == std::errc() && q == cs.data() + cs.size() && !cs.empty() && c >= 0;
}

}  // namespace

bool parse_key(const std::string& text, event& out) {
    std::string_view t(text);
    auto gt = t.find('>');
    out = event{};
    if (!parse_side(t.substr(0, gt), out.g, out.g_case)) return false;
    if (gt == std::string_view::npos) return true;
    return parse_side(t.substr(gt + 1), out.h, out.h_case);
}

}  // namespace chancheck::explore_detail
