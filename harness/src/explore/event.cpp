// The dependency relation over events, and their textual keys.
#include <chancheck/explore/event.hpp>

#include <algorithm>
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
        case act::rlock_wait: return "rlock";
        case act::rw_lock_wait: return "lock";
        case act::len: return "len";
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

// The dependency relation the reduction relies on, every rule in one place.
//
// Two events are dependent when, in some state where both are enabled, one
// can disable the other, change what it does or returns, or the two lead to
// different states in the two orders. Independent events commute, and the
// reduction runs one order of them. The rules, from `dependent` down:
// - Steps of one goroutine (or of a hand-off's two) are ordered by the program.
// - The exit of a program (or of a test's process, once only daemons are
//   left) ends every goroutine: ordered against everything, but a timer
//   firing into its channel's buffer with no receiver, which nothing sees.
// - A step that moves the virtual clock (time_mode::synctest) is ordered
//   against everything: it happens only where nothing else can move, and
//   every step after it sees the new time.
// - Steps on no common object commute.
// - A select (any branch, the default too) reads the state of every channel
//   it names: ordered against every step on any of them. A goroutine
//   arriving at a channel operation is not a step, and it never rules out a
//   default (execution.cpp says why), so defaults depend on channel state only.
// - The rest is `conflict`, for plain operations on a shared object.
bool conflict(const event& a, const event& b) {
    using enum act;
    auto pair = [&](act x, act y) { return (a.kind == x && b.kind == y) || (a.kind == y && b.kind == x); };
    // len reads the buffer count, which only buffered sends and receives
    // change (a close does not).
    if (a.kind == len || b.kind == len) return !(pair(len, len) || pair(len, close));
    // Channels. A close changes what every other operation does.
    if (a.kind == close || b.kind == close) return true;
    // Disjoint hand-offs on one unbuffered channel both happen, in either order.
    if (a.h >= 0 && b.h >= 0) return false;
    // A buffered send appends, a receive takes the head: both enabled means
    // 0 < len < cap, where they commute (and so do their memory-model edges).
    // Each may enable the other (a value to take, a slot to fill): the
    // reduction's happens-before orders that as a read (dpor.cpp). A
    // hand-off and a receive are not this case: the receive could have been
    // the hand-off's partner.
    const auto is_send = [](const event& e) { return e.kind == send || e.kind == timer_fire; };
    if (a.h < 0 && b.h < 0 && ((is_send(a) && b.kind == recv) || (is_send(b) && a.kind == recv))) return false;
    // Mutexes. An unlock (and a Cond's wait, which unlocks as it queues) by
    // the holder leaves no lock enabled beside it: never both enabled. Go's
    // mutexes have no owner, though: any other unlock is enabled in every
    // state and panics with the mutex free, where a lock would succeed, so
    // it is ordered against locks.
    const bool unlocker_holds = (a.kind == unlock || a.kind == cond_wait || a.kind == runlock || a.kind == rw_unlock)
                                    ? a.owned
                                    : b.owned;
    if (pair(lock, unlock) || pair(lock, cond_wait)) return !unlocker_holds;
    // RWMutex (rw_mutex_object): an RLock's outcome (hold or wait) depends
    // only on the writer's state, so RLocks commute with each other and
    // with the releases of read locks held; a writer's Lock is not enabled
    // while a writer holds it. Everything else, a Lock against an RLock or
    // an RUnlock (whether it must wait for readers), an Unlock against an
    // RLock (whether it waits), the steps that end a wait against what
    // ends it, is ordered.
    if (pair(rlock, rlock)) return false;
    if (pair(runlock, runlock)) return !(a.owned && b.owned);
    if (pair(rlock, runlock) || pair(rw_unlock, rw_lock)) return !unlocker_holds;
    // WaitGroup: Adds that raise the counter commute. Two Dones (negative
    // Adds) end the same in both orders unless the counter cannot cover
    // both, where which one panics depends on the order. Moved next to each
    // other, the later one meets the counter the earlier met: the larger of
    // the two (a sleeping Done is judged with the counter of the state it
    // would run in: dpor.cpp). A Done that went below zero is ordered
    // against every other Done: any of them could have been the last. A Wait is
    // enabled only at zero: a positive Add there disables it, and so does a
    // Done, which then goes below zero; a Done that stays at or above zero
    // is never enabled beside a Wait (the last one enables it, an order the
    // reduction keeps as a read). Waits commute.
    if (pair(wg_wait, wg_wait)) return false;
    if (pair(wg_add, wg_add)) {
        if (a.delta > 0 && b.delta > 0) return false;
        if (a.delta <= 0 && b.delta <= 0)
            return std::max(a.counter, b.counter) + a.delta + b.delta < 0 || a.counter + a.delta < 0 ||
                   b.counter + b.delta < 0;
        return true;
    }
    if (pair(wg_add, wg_wait)) {
        const event& add = a.kind == wg_add ? a : b;
        return add.delta > 0 || add.counter + add.delta < 0;
    }
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
    // A step that moves the virtual clock is ordered against everything:
    // every later step sees the new time (a timer started then reads it).
    if (a.advances || b.advances) return true;
    const auto unseen_fire = [](const event& e) { return e.kind == act::timer_fire && e.h < 0 && !e.watched; };
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
