// Report writers: each renders check_results, nothing else, and no format
// is derived from another's output. text is for a person at a terminal;
// json (schema: reports/schema/report.schema.json) is for tools and is what
// `replay --report` reads back; junit is for CI test reporters; sarif 2.1.0
// for code-scanning UIs; html is one self-contained page with a sequence
// chart of the counterexample.
//
//   chancheck::reports::write(std::cout, {result}, "junit");
//   chancheck::reports::write_file_atomically("out.html", chancheck::reports::to_string({result}, "html"));
#pragma once

#include <chancheck/check_result.hpp>

#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chancheck::reports {

struct text_options {
    bool color = false;
};

// The formats `--format` accepts, in the order help lists them.
const std::vector<std::string>& format_names();

void write_text(std::ostream& out, const check_result& r, const text_options& options = {});
void write_json(std::ostream& out, const check_result& r);
// One <testsuite> of one <testcase> per result.
void write_junit(std::ostream& out, std::span<const check_result> results);
// One run; one result per counterexample.
void write_sarif(std::ostream& out, std::span<const check_result> results);
void write_html(std::ostream& out, const check_result& r);

// The inverse of write_json, so a result can cross a process boundary and
// still be rendered in every format: read_json(to_string(r, "json")) == r
// (seconds to the six digits the writer keeps; the program name only where
// the replay command carries it). Fields it does not know are ignored.
// Throws std::runtime_error, one line saying what is wrong, for text that is
// not JSON or lacks a field the schema requires.
check_result read_json(std::string_view text);

// Any format by name; several results only where the format holds several
// (junit, sarif); text and json render them one after the other.
// Throws std::invalid_argument for an unknown format.
void write(std::ostream& out, std::span<const check_result> results, const std::string& format,
           const text_options& options = {});
std::string to_string(std::span<const check_result> results, const std::string& format);
inline std::string to_string(const check_result& r, const std::string& format) {
    return to_string(std::span<const check_result>(&r, 1), format);
}

// The command that reproduces a counterexample exactly ("" without one).
std::string replay_command(const check_result& r);

// Writes to a temporary file beside `path` and renames it over `path`, so a
// reader never sees half a report. Throws std::runtime_error on failure.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace chancheck::reports
