// What the explorer schedules: an event is one visible step of one goroutine
// (or, for an unbuffered hand-off, one joint step of a sender and a
// receiver). Within a state an event is named by its key (who, which select
// case, with whom); the same key names the same step when a search replays
// the same prefix, which is what schedules and backtracking rely on.
//
// The footprint (objects touched, how) decides dependency: two events are
// dependent when executing them in the other order could change what either
// does. Independent events commute, and partial-order reduction explores one
// order of them only.
//
//   event a{.g = 1, .kind = act::send, .objects = {7}};
//   event b{.g = 2, .kind = act::recv, .objects = {7}};
//   assert(dependent(a, b));
#pragma once

#include <chancheck/explore/small_vec.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace chancheck::explore_detail {

enum class act : std::uint8_t {
    send,
    recv,
    close,
    select,
    lock,
    unlock,
    rlock,        // acquires, or registers as a waiting reader behind a writer
    rlock_wait,   // enabled once a writer's unlock admitted the waiting reader
    runlock,
    rw_lock,      // takes the writers' turn; acquires, or waits for the readers to leave
    rw_lock_wait, // enabled once the last reader left
    rw_unlock,
    wg_add,
    wg_wait,
    cond_wait,    // queue on the Cond and unlock its mutex, in one step
    cond_woken,   // enabled once signalled
    cond_signal,
    cond_broadcast,
    sleep,
    spawn,
    exit,
    timer_fire,
    len,          // reads a channel's buffer count: no happens-before edge, as in Go
};

const char* act_name(act a);

// A select's default branch, as a case index.
constexpr int default_case = 1 << 20;

struct event {
    // The key.
    int g = -1;       // the goroutine taking the step (the sender of a joint hand-off)
    int g_case = -1;  // its select case, or default_case; -1 for a plain operation
    int h = -1;       // the receiver of a joint hand-off; -1 otherwise
    int h_case = -1;  // the receiver's select case, or -1

    // The footprint.
    act kind = act::sleep;
    small_vec<int, 4> objects;  // every object the step touches or observes
    bool observes_all = false; // a select (either side): it depends on every channel it names
    // A WaitGroup Add (Done is Add(-1)): its delta, and the counter before it.
    long delta = 0;
    long counter = 0;
    // An unlock (or a Cond's wait, which unlocks) by the goroutine that holds
    // that lock: no lock of it is enabled beside it. Go allows any goroutine
    // to unlock, and an unlock with the mutex free panics where a lock
    // would succeed, so other unlocks are ordered against locks.
    bool owned = false;
    // The channel the step uses (a select's chosen case), whether it sends
    // on it, and whether it meets a closed channel: what the step reads
    // from, which orders it after that write even where the two commute.
    int channel = -1;
    bool sends = false;
    bool via_close = false;
    // The channel's buffer size: a send into a full buffer waits for the
    // receive that frees its slot, and so reads from it.
    std::uint32_t capacity = 0;
    // A timer firing while some goroutine waits on its channel: seen.
    bool watched = false;
    // A timer firing, or a sleep ending, that moves the virtual clock
    // (time_mode::synctest): it happens only when nothing else can move.
    bool advances = false;

    // Not part of the key: events of one state with the same orbit (>= 0)
    // are images of each other under an exchange of interchangeable
    // goroutines (symmetry.hpp); a search with symmetry takes one of them.
    int orbit = -1;

    bool same_key(const event& o) const { return g == o.g && g_case == o.g_case && h == o.h && h_case == o.h_case; }
    bool involves(int goroutine) const { return g == goroutine || h == goroutine; }
    // "3", "3.1", "3>5", "3.1>5.0": the form a schedule is written in.
    std::string key_text() const;
};

bool dependent(const event& a, const event& b);

// Parses one key written by key_text(); false when malformed.
bool parse_key(const std::string& text, event& out);

}  // namespace chancheck::explore_detail
