// Symmetry reduction over interchangeable goroutines (interchangeable.hpp).
//
// Members of one group run the same code and use their identity opaquely, so
// two members that have not yet taken a step (and read no shared data) are in
// states that differ only by a renaming of their identities: exchanging them
// maps the whole state onto itself. In such a state the steps of one and of
// the other are images of each other, as are everything that follows, and a
// search needs only one of them. The execution marks such steps with a
// common orbit number; the exhaustive search explores one step per orbit.
//
// Only members that have not yet moved are exchanged: this catches the N!
// orders in which N requesters can arrive, but not symmetric states reached
// later (a full canonical form of the state is beyond what fibers expose).
//
//   symmetry sym;
//   int g = sym.group(parent, "requester");  // same number for every member
//   sym.first_step(g, "requester 1", {act::send, {requests}, "send on requests"});
//   sym.mark_orbits(enabled, [&](int goroutine) { return fresh_group_of(goroutine); });
#pragma once

#include <chancheck/explore/event.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace chancheck::explore_detail {

// What a member does first, up to its identity: the objects it did not
// create itself, and how to name the step in an error.
struct first_step_shape {
    act kind = act::exit;
    small_vec<int, 4> shared_objects;
    std::string text;
};

class symmetry {
public:
    // The group of a goroutine that `parent` starts under `name`; -1 for "".
    int group(int parent, const std::string& name);

    // Throws std::runtime_error when a member's first step differs from the
    // first member's: the declaration cannot be right.
    void first_step(int group, const std::string& member, const first_step_shape& shape);

    // Gives events that are images of each other under an exchange of
    // not-yet-moved members the same orbit (>= 0); others get -1.
    // `fresh_group(g)` is g's group when g has not yet moved, else -1.
    template <class FreshGroup>
    void mark_orbits(std::vector<event>& enabled, FreshGroup fresh_group) const;

private:
    std::map<std::pair<int, std::string>, int> groups_;
    std::map<int, std::pair<std::string, first_step_shape>> first_;
};

template <class FreshGroup>
void symmetry::mark_orbits(std::vector<event>& enabled, FreshGroup fresh_group) const {
    // An event's shape with each unmoved member replaced by its group (as
    // a negative number): equal shapes are exchanged by some permutation.
    struct shape {
        int g, g_case, h, h_case;
        auto operator<=>(const shape&) const = default;
    };
    std::map<shape, int> orbits;
    for (event& e : enabled) {
        const int gg = fresh_group(e.g);
        const int hg = e.h >= 0 ? fresh_group(e.h) : -1;
        if (gg < 0 && hg < 0) {
            e.orbit = -1;
            continue;
        }
        const shape s{gg >= 0 ? -2 - gg : e.g, e.g_case, hg >= 0 ? -2 - hg : e.h, e.h_case};
        e.orbit = orbits.try_emplace(s, static_cast<int>(orbits.size())).first->second;
    }
}

}  // namespace chancheck::explore_detail
