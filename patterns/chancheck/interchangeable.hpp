// Interchangeable goroutines: N copies of the same code that differ only in
// an identity they use opaquely, like the requesters of a shared request
// channel. Declaring them lets the explorer's symmetry reduction
// (`chancheck check --symmetry`) run one execution where N! orders of the
// same thing would otherwise each be run.
//
// The identity type is what keeps the declaration honest: it can be copied,
// compared for equality and sent through channels, and nothing else: no
// order, no hash, no arithmetic, no conversion to a number. Code that holds
// an `identity` therefore cannot treat two members differently except by
// comparing with an identity it was given.
//
//   chancheck::go_interchangeable<S>("requester", 8, [=](chancheck::identity me) {
//       requests.send(me);
//       chancheck::expect<S>(responses.recv().value == me, "routing", "another's answer");
//   });
//
// The reduction is sound when, besides that, nothing outside the members
// tells them apart: the code that starts them keeps no identity for later,
// and each member's first step is the same operation on the same objects
// (the explorer checks this one and rejects the check when it fails).
#pragma once

#include <chancheck/go.hpp>

#include <ostream>
#include <source_location>
#include <string>
#include <utility>

namespace chancheck {

class identity;

// Starts `count` goroutines named "<name> 0" .. "<name> count-1", the k-th
// running body(identity k), declared interchangeable with each other.
template <class S, class F>
void go_interchangeable(const std::string& name, long count, F&& body,
                        std::source_location loc = std::source_location::current());

class identity {
public:
    // Equal to no member's identity: a "nobody" for a variable not yet set.
    identity() = default;

    friend bool operator==(identity, identity) = default;

    // For messages and traces only: the member's position in its group.
    std::string text() const { return number_ < 0 ? "nobody" : std::to_string(number_); }
    friend std::ostream& operator<<(std::ostream& o, identity id) { return o << id.text(); }

private:
    template <class S, class F>
    friend void go_interchangeable(const std::string&, long, F&&, std::source_location);
    explicit identity(long number) : number_(number) {}
    long number_ = -1;
};

template <class S, class F>
void go_interchangeable(const std::string& name, long count, F&& body, std::source_location loc) {
    for (long k = 0; k < count; ++k)
        go<S>(name + " " + std::to_string(k), [body, me = identity(k)] { body(me); },
              go_options{.daemon = false, .interchangeable = name}, loc);
}

}  // namespace chancheck
