// How a channel's value shows in a checker's trace, written once for every
// backend that traces values.
//
//   detail::describe_value(3)          // "3"
//   detail::describe_plain_value(obj)  // "" unless obj is a number, bool or string
#pragma once

#include <chancheck/sync.hpp>

#include <ostream>
#include <sstream>
#include <string>
#include <type_traits>

namespace chancheck::detail {

// Numbers, bools and strings: no stream involved (Relacy cannot have one
// built while it simulates).
template <class T>
std::string describe_plain_value(const T& v) {
    if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
    else if constexpr (std::is_arithmetic_v<T>) return std::to_string(v);
    else if constexpr (std::is_convertible_v<const T&, std::string>) return "\"" + std::string(v) + "\"";
    else if constexpr (requires { { v.text() } -> std::convertible_to<std::string>; }) return v.text();  // identity
    else return "";
}

// ...and anything else that can be written to a stream.
template <class T>
std::string describe_value(const T& v) {
    if constexpr (std::is_same_v<T, time_point>) return "";
    else if constexpr (!std::is_arithmetic_v<T> && !std::is_convertible_v<const T&, std::string> &&
                       requires(std::ostream& o) { o << v; }) {
        std::ostringstream o;
        o << v;
        return o.str();
    } else
        return describe_plain_value(v);
}

}  // namespace chancheck::detail
