// The state of one execution, shared by the files that implement it:
// execution.cpp (the goroutine loop, the backend's entry points, what is left
// blocked), enabled.cpp (the steps each state enables), steps.cpp (performing
// a step: every primitive's effect and its happens-before edges). Private to
// the explorer.
#pragma once

#include <chancheck/detail/sync_state.hpp>
#include <chancheck/explore/execution.hpp>

#include "step_log.hpp"
#include "symmetry.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace chancheck::explore_detail {

inline std::string where(const std::source_location& loc) {
    return std::string(loc.file_name()) + ":" + std::to_string(loc.line());
}
// "write by "g" at file:line": one side of a data race.
inline std::string access_text(const std::string& what, const std::string& who, const std::source_location& loc) {
    return what + " by \"" + who + "\" at " + where(loc);
}

// Under the explorer only one goroutine ever waits on a hand-off and the
// scheduler has already decided it completes: its claim always succeeds.
struct decided_owner final : detail::waiter_owner {
    bool try_claim(int) override { return true; }
};

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
    int unwinding_before = 0;     // exceptions in flight when the teardown began
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

    void fail(failure_kind k, std::string message, std::vector<int> implicated = {});

    goroutine& create(std::string name, int parent, bool daemon);

    // Runs g until it announces its next operation or ends.
    void resume(goroutine& g);

    // --- enabled events ------------------------------------------------------

    static bool waiting_on(const goroutine& g) { return !g.finished && !g.stopped && g.op != nullptr; }

    static void add_channels(const pending_op& op, small_vec<int, 4>& out);

    static bool owns(const goroutine& g, const pending_op& op);

    event make(const goroutine& g, int g_case, const goroutine* h = nullptr, int h_case = -1) const;

    bool someone_receives_on(const chan_object* ch) const;

    // Goroutines waiting to receive: the partners a hand-off can have (a
    // select's receive cases by index), sorted by channel and, per channel,
    // in creation order. Rebuilt every step into buffers kept across steps:
    // allocating per step costs more than the search itself.
    void collect_waiting_receivers() const;

    void send_events(const goroutine& g, int g_case, chan_object* ch, std::vector<event>& out) const;

    // The steps enabled in the current state, into `out` (cleared first).
    void enabled(std::vector<event>& out) const;

    // On the virtual clock a timer fires, and a sleep ends, once its deadline
    // has come. The clock moves only when nothing else can: then to the
    // earliest deadline, and each step due at that instant is a branch (ties
    // fire in any order). Such a step `advances` the clock: it is ordered
    // against every other step, so every execution a search takes as
    // equivalent saw the same time (a new timer's deadline reads it).
    static bool timed(const event& e) { return e.kind == act::timer_fire || e.kind == act::sleep; }
    std::int64_t deadline_of(const event& e) const { return by_id.at(e.g)->op->deadline; }
    void keep_what_the_clock_allows(std::vector<event>& out) const;

    // "1h0m0.5s"-style virtual time for the trace, as Go's Duration prints it
    // for the common cases.
    static std::string clock_text(std::int64_t ns);

    // A member of an interchangeable group has just run to its first step.
    void check_first_step(const goroutine& member);

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
    std::vector<int> panic_events(const goroutine& g) const;

    // A failed check, and the last value its goroutine received: the one
    // a check like "this response is mine" looks at.
    std::vector<int> check_events(const goroutine& g, int check) const;

    // The Go memory model's edges of a completed buffered send / receive.
    static void buffered_send_edges(chan_object& ch, goroutine& g);
    static void buffered_recv_edges(chan_object& ch, goroutine& g);

    // g's side of a channel send (plain or a select case); `h` the partner of a hand-off.
    void do_send(goroutine& g, pending_op& op, chan_object& ch, void* src, goroutine* h, int h_case);

    void do_recv(goroutine& g, pending_op& op, chan_object& ch, void* dst, bool& ok_out);

    // Go's fatal errors (sync misuse) end the program: no recover can stop
    // them, so the goroutine never runs another line.
    void fatal(goroutine& g, panic_kind k);

    // A send and a close of one channel not ordered: Go's race detector
    // reports it (chan.go: chansend reads the channel, closechan writes it).
    void close_races_sends(goroutine& g, chan_object& ch, const std::source_location& loc, int traced);
    void report_channel_race(const chan_object& ch, const shared_access& a, const char* a_kind,
                             const shared_access& b, const char* b_kind);

    // One step of Go's RWMutex algorithm (rw_mutex_object).
    void rw_step(goroutine& g, pending_op& op);

    // The clock in a timed step's trace line, on the virtual clock only.
    std::string at_time() const { return config.time == time_mode::synctest ? "at " + clock_text(now) : ""; }

    // Returns the goroutine a spawn started, or nullptr.
    goroutine* perform(const event& e);

    blocked_goroutine wait_of(const goroutine& g) const;
    std::string describe_wait(const goroutine& g) const;

    // After a leak only the leaked goroutines count: main is gone, and
    // daemons may wait for ever by design.
    void collect_blocked();

    // Test mode, main has returned: a goroutine leaks when it is blocked and
    // nothing can move any more, as goleak judges after `go test`.
    void check_leaks();

    void let_release_return(goroutine& g);
};

}  // namespace chancheck::explore_detail
