// Properties a model states about itself. `expect<S>(holds, property, message)`
// records a violation of the named property when `holds` is false: on real
// threads the run goes on and run() lists every violation; a checker stops
// the execution there and reports it as a counterexample.
//
//   chancheck::expect<S>(r.for_id == my_id, "routing", [&] {
//       return "requester " + std::to_string(my_id) + " got the response for " + std::to_string(r.for_id);
//   });
#pragma once

#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>

namespace chancheck {

// `message` is a string, or a callable returning one (built only on failure).
template <class S, class Message>
void expect(bool holds, std::string_view property, Message&& message,
            std::source_location loc = std::source_location::current()) {
    if (holds) return;
    if constexpr (std::is_invocable_v<Message>) S::violation(property, std::string(message()), loc);
    else S::violation(property, std::string(message), loc);
}

}  // namespace chancheck
