// One execution of a program under the explorer: goroutines on fibers, one
// OS thread, and a scheduler that picks every visible step.
//
// A goroutine runs until its next visible operation, announces it (a
// pending_op) and suspends. The execution lists the events enabled in the
// current state, the scheduler (a search strategy) picks one, and the
// execution performs it with the shared state machines, records it, and
// resumes the goroutines it completed. Along the way it keeps the Go memory
// model's happens-before as vector clocks, so every access to shared<T> is
// checked for a data race. The execution ends when main returns, when no
// event is enabled (deadlock), or at the first counterexample.
//
//   execution ex(config, picker);
//   execution_result r = ex.run([] { model_main(); });
#pragma once

#include <chancheck/check_result.hpp>
#include <chancheck/detail/chan_state.hpp>
#include <chancheck/explore/event.hpp>
#include <chancheck/explore/fiber.hpp>
#include <chancheck/explore/vector_clock.hpp>
#include <chancheck/panic.hpp>
#include <chancheck/sync.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <source_location>
#include <span>
#include <string>
#include <vector>

namespace chancheck::explore_detail {

class execution;

// Everything the explorer tracks (channels, mutexes, ...) has a stable id:
// the k-th object created by goroutine g is the same object in every
// execution that replays the same steps.
class object_base {
public:
    object_base(std::string_view kind, std::string_view name);
    virtual ~object_base() = default;
    object_base(const object_base&) = delete;
    object_base& operator=(const object_base&) = delete;
    int id() const { return id_; }
    const std::string& name() const { return name_; }

private:
    int id_ = -1;
    std::string name_;
};

struct shared_access {
    int g = -1;
    std::uint32_t clock = 0;
    std::source_location loc;
    int traced = -1;  // its event in the trace, when one is recorded
};

class chan_object : public object_base {
public:
    chan_object(std::unique_ptr<detail::chan_state> state, std::string_view name)
        : object_base("chan", name), state_(std::move(state)) {}
    detail::chan_state& state() { return *state_; }
    const detail::chan_state& state() const { return *state_; }
    virtual std::string describe(const void* elem) const = 0;

    // The Go memory model's edges through this channel.
    vector_clock close_clock;
    std::deque<vector_clock> buffered;  // the sender's clock of each buffered value
    std::deque<vector_clock> received;  // clocks of the last cap() receives
    // With a trace: where each buffered value was sent, and the close.
    std::deque<int> traced_sends;
    int traced_close = -1;
    // Go's race detector: a send reads the channel (chansend, selectgo's
    // send cases), close writes it, so the two must be ordered.
    std::vector<shared_access> sends;  // the latest send of each goroutine
    std::optional<shared_access> closed_by;

private:
    std::unique_ptr<detail::chan_state> state_;
};

// Go's mutexes have no owner; the holder is tracked only to tell the
// partial-order reduction which unlocks are the holder's own (event.hpp).
struct mutex_object : object_base {
    mutex_object() : object_base("mutex", "Mutex") {}
    bool locked = false;
    int holder = -1;
    vector_clock released;
};

// Go's RWMutex (sync/rwmutex.go): a writer first takes the writers' turn
// (its internal mutex), which from then on makes every new RLock wait; it
// then waits for the readers already inside to leave. Its Unlock admits
// every reader that waited, all at once, before it gives up the writers'
// turn: they hold the lock before the next writer can start waiting.
struct rw_mutex_object : object_base {
    rw_mutex_object() : object_base("rwmutex", "RWMutex") {}
    int readers = 0;              // holding a read lock, admitted ones included
    bool writer = false;          // a writer holds the lock
    bool writer_pending = false;  // a writer has its turn and waits for readers to leave
    int writer_holder = -1;
    std::vector<int> reader_holders;
    std::vector<int> waiting_readers;  // registered behind a writer, in order
    // The Go memory model orders an RLock after the Unlocks before it, and
    // a Lock after every RUnlock and Unlock before it: readers do not
    // synchronise with each other.
    vector_clock unlocked;   // by writers
    vector_clock runlocked;  // by readers
};

struct cond_object : object_base {
    cond_object() : object_base("cond", "Cond") {}
    std::deque<int> waiters;  // goroutine ids, oldest first
    vector_clock released;    // what signallers did before they signalled
};

struct wait_group_object : object_base {
    wait_group_object() : object_base("waitgroup", "WaitGroup") {}
    long counter = 0;
    vector_clock released;
};

// Plain shared data, checked FastTrack-style: the last write and the reads
// since, each with the accessing goroutine's clock.
struct shared_object : object_base {
    shared_object() : object_base("shared", "shared") {}
    std::optional<shared_access> last_write;
    std::vector<shared_access> reads;
    std::source_location created;
};

// What a goroutine announced and, once performed, how it went.
struct pending_op {
    act kind = act::sleep;
    object_base* obj = nullptr;
    object_base* obj2 = nullptr;  // a Cond's mutex
    void* elem = nullptr;
    std::span<select_case<chan_object>> cases;
    bool has_default = false;
    long delta = 0;
    std::source_location loc;
    // A sleep's duration, and a sleep's or timer's deadline on the virtual
    // clock (time_mode::synctest), in nanoseconds.
    std::int64_t duration = 0;
    std::int64_t deadline = 0;
    // spawn
    std::string child_name;
    std::function<void()> child_body;
    bool child_daemon = false;
    std::string child_group;  // go_options::interchangeable
    // results
    int fired = -1;
    bool ok = false;
    std::size_t count = 0;  // len
    std::optional<panic_kind> panicked;
};

enum class failure_kind { none, assertion, deadlock, leak, panic, race, step_limit };
const char* failure_name(failure_kind k);

struct execution_result {
    failure_kind failure = failure_kind::none;
    std::string message;
    source_line where;                 // the failing operation, when known
    std::vector<event> schedule;       // the events taken, in order
    // Recorded only when config.record_trace, with the events the failure
    // is about (indices into the trace).
    std::vector<trace_event> trace;
    std::vector<int> implicated;
    std::vector<blocked_goroutine> blocked;
    // Operations announced but never performed, as footprints: what the
    // search must consider might have happened earlier.
    std::vector<event> pending;
    std::size_t steps = 0;
    std::size_t goroutines_started = 0;  // by go statements
    bool abandoned = false;            // the scheduler stopped it (nothing new below)
};

// The strategy's side of an execution: at every step it gets the enabled
// events and returns the index of the one to take, or -1 to abandon.
class picker {
public:
    virtual int pick(std::span<const event> enabled, std::size_t step) = 0;
    // Told about every step taken, with the goroutine it started (spawn), if any.
    virtual void taken(const event&, int spawned) { (void)spawned; }
    // Told about a goroutine started outside a step (a timer, by `parent`).
    virtual void created(int child, int parent) {
        (void)child;
        (void)parent;
    }

protected:
    ~picker() = default;
};

// Stable names for goroutines and objects across the executions of one
// search: the k-th goroutine (or object) created by goroutine g gets the same
// number every time.
class identity_table {
public:
    int goroutine(int parent, int seq) { return lookup(goroutines_, parent, seq); }
    int object(int creator, int seq) { return lookup(objects_, creator, seq); }
    // The number the seq-th goroutine of `parent` was given; -1 if none was.
    int known_goroutine(int parent, int seq) const {
        auto it = goroutines_.find({parent, seq});
        return it == goroutines_.end() ? -1 : it->second;
    }

private:
    static int lookup(std::map<std::pair<int, int>, int>& m, int a, int b) {
        auto [it, fresh] = m.emplace(std::pair(a, b), static_cast<int>(m.size()) + 1);
        return it->second;
    }
    std::map<std::pair<int, int>, int> goroutines_;
    std::map<std::pair<int, int>, int> objects_;
};

// What main's return means. A check's main is a Go test function: when it
// returns, the goroutines it started go on (as under `go test`), and one
// left blocked once nothing can move is a leak. A program's main ends the
// process when it returns, and whatever it left running with it.
enum class main_mode { test, program };

// When timers fire and sleeps end. `any`: at any step after they start, their
// durations ignored: every order a slow machine could produce, and some no
// real clock could (an hour-long timer beating a ready channel). `synctest`:
// Go's testing/synctest: time is virtual and moves only when every goroutine
// is blocked, to the earliest deadline; timers fire and sleeps end in
// deadline order, those due at the same instant in any order.
enum class time_mode { any, synctest };

struct execution_config {
    std::size_t max_steps = 10'000;
    identity_table* ids = nullptr;  // shared by the executions of one search
    // A search leaves it off and replays a counterexample's schedule with it
    // on: building the text of every step is most of an execution's cost.
    bool record_trace = true;
    // Mark interchangeable events with orbits (symmetry.hpp).
    bool symmetry = false;
    main_mode mode = main_mode::test;
    time_mode time = time_mode::any;
};

class execution {
public:
    execution(const execution_config& config, picker& p);
    ~execution();
    execution(const execution&) = delete;
    execution& operator=(const execution&) = delete;

    execution_result run(std::function<void()> main);

    // The execution running on this thread; nullptr outside one.
    static execution* current();

    // --- called from goroutines (through the explore backend) ---
    // Announces `op`, suspends until it was performed; throws its panic.
    void perform(pending_op& op);
    [[noreturn]] void block_forever(const std::source_location& loc, std::string what);
    void violation(std::string_view property, std::string message, const std::source_location& loc);
    void shared_read(shared_object& s, const std::source_location& loc);
    void shared_write(shared_object& s, const std::source_location& loc);
    void start_timer(std::shared_ptr<chan_object> ch, std::chrono::nanoseconds d, const std::source_location& loc);
    int register_object(object_base& o);

private:
    struct goroutine;
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace chancheck::explore_detail
