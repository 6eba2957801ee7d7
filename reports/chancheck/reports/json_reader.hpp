// Reads JSON back: enough for `chancheck replay --report FILE` to take the
// model, parameters and schedule from a saved report. Objects keep their
// keys in order; numbers are kept as text.
//
//   json_value v = parse_json(text);
//   std::string schedule = v["counterexample"]["schedule"].text;
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chancheck::reports {

struct json_value {
    enum class kind { null, boolean, number, string, array, object } type = kind::null;
    std::string text;  // string contents, number text, "true"/"false"
    std::vector<json_value> items;
    std::vector<std::pair<std::string, json_value>> members;

    // Missing members read as null, so lookups can be chained.
    const json_value& operator[](std::string_view key) const;
};

// Throws std::invalid_argument with the offset of the first error.
json_value parse_json(std::string_view text);

}  // namespace chancheck::reports
