// Report writers: each renders one check_result, nothing else. The text
// report is for a person at a terminal; JSON (schema in reports/schema/) is
// for tools, and is what `replay` can read back.
//
//   chancheck::reports::write_text(std::cout, result, {.color = isatty(1)});
//   chancheck::reports::write_file_atomically("out.json", json_string(result));
#pragma once

#include <chancheck/check_result.hpp>

#include <ostream>
#include <string>

namespace chancheck::reports {

struct text_options {
    bool color = false;
};

void write_text(std::ostream& out, const check_result& r, const text_options& options = {});
void write_json(std::ostream& out, const check_result& r);
std::string to_string(const check_result& r, const std::string& format);

// The command that reproduces a counterexample exactly.
std::string replay_command(const check_result& r);

// Writes to a temporary file beside `path` and renames it over `path`, so a
// reader never sees half a report. Throws std::runtime_error on failure.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace chancheck::reports
