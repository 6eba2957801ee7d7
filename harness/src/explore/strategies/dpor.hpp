// Dynamic partial-order reduction for the depth-first search: source sets
// with sleep sets (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014), over events
// that may be joint hand-offs of two goroutines.
//
// After each execution, every pair of dependent events that happen-before
// does not order through some third event is a race; the search adds, at the
// state before the earlier one, a first step of some way to run the later
// one first. A hand-off adds one more kind of race: a goroutine that arrived
// at a channel operation independently of an earlier hand-off on the same
// channel could have been the partner instead. Sleep sets keep the search
// from completing two executions of the same trace.
#pragma once

#include <chancheck/explore/event.hpp>
#include <chancheck/explore/execution.hpp>
#include <chancheck/explore/vector_clock.hpp>

#include <cstdint>
#include <map>
#include <span>
#include <vector>

namespace chancheck::explore_detail {

class dpor {
public:
    int pick(std::span<const event> enabled, std::size_t step);
    void taken(const event& e, int spawned);
    void created(int child, int parent);
    void finished(const execution_result& r);
    // Sets up the next execution; false when every trace has been covered.
    bool backtrack();
    bool done() const { return done_; }
    std::size_t depth() const { return stack_.size(); }
    // Whether the node the next pick creates starts with steps asleep:
    // a subtree that may be covered elsewhere, all or in part.
    bool next_has_sleepers() const {
        if (stack_.empty()) return false;
        const node& parent = stack_.back();
        for (const event& t : parent.sleep)
            if (!dependent(t, parent.current)) return true;
        return false;
    }
    // No reduction above `depth`: every enabled step is a branch there.
    void explore_fully_above(std::size_t depth) { full_above_ = depth; }
    std::uint64_t sleep_blocked() const { return sleep_blocked_; }

private:
    struct node {
        std::vector<event> enabled;
        std::vector<event> sleep;
        std::vector<event> backtrack;
        std::vector<event> done;
        event current;
    };
    struct step {
        event e;
        vector_clock clock;  // happens-before over events: who precedes this one
        vector_clock pre_g;  // g's clock just before this event
        vector_clock pre_h;  // h's, for a hand-off
    };

    bool hb(std::size_t i, const vector_clock& c) const {
        const step& s = trace_[i];
        return c.get(static_cast<std::size_t>(s.e.g)) >= s.clock.get(static_cast<std::size_t>(s.e.g));
    }
    vector_clock& clock_of(int g);
    void analyse_race(std::size_t i, std::size_t j);
    void analyse_arrival(std::size_t i, std::size_t j_end, int x, const small_vec<int, 4>& objects,
                         const vector_clock& pre_x, std::size_t after_last);
    std::size_t end_of_past(const vector_clock& c) const;
    // Adds a first step of `v` (sorted indices into trace_, then `last`) at node i.
    void add_initial(std::size_t i, const std::vector<std::size_t>& v, const event* last);
    bool covered(const node& n, const event& e) const;
    static void add_alternatives(node& n);
    static int orbit_at(const node& n, const event& e);
    static bool in_orbit_of(const node& n, const event& e, const std::vector<event>& v, bool current);

    // What a step read from: the buffered send whose value a receive takes,
    // the close a receive or send meets, the releases a lock or Wait needs.
    // What a step read: the buffered send whose value it takes, the receive
    // that freed the slot a send into a full buffer waited for, the close
    // it meets, the releases a lock or Wait needs.
    void join_reads_from(const event& e, std::size_t index, vector_clock& c);
    struct channel_track {
        std::vector<std::size_t> sends;  // buffered sends, in order
        std::size_t receives = 0;        // buffered receives so far
        std::vector<std::size_t> recvs;  // buffered receives, in order
        vector_clock closed;
    };

    std::vector<node> stack_;
    std::vector<step> trace_;
    std::vector<vector_clock> gclock_;
    // Earlier steps sharing an object with e, newest first, into `out`: the
    // only ones besides e's goroutines' own that can be dependent with it.
    void sharing(const event& e, std::size_t before, std::vector<std::size_t>& out) const;

    // Allocation per step costs more than the analysis: buffers and popped
    // nodes keep their capacity for the next execution.
    std::vector<std::size_t> sharing_scratch_;
    std::vector<node> spare_nodes_;
    node fresh_node();

    std::map<int, channel_track> channels_;
    std::map<int, std::vector<std::size_t>> by_object_;
    std::vector<std::vector<std::size_t>> steps_of_;  // per goroutine: its steps, in order
    // Per lock or WaitGroup: its unlocks and Adds, and apart from them its
    // RUnlocks, which only a writer waits for (readers do not order each other).
    std::map<int, vector_clock> released_;
    std::map<int, vector_clock> read_released_;
    std::size_t replayed_ = 0;  // steps of this execution that replay the stack
    bool done_ = false;
    std::size_t full_above_ = 0;
    std::uint64_t sleep_blocked_ = 0;
};

}  // namespace chancheck::explore_detail
