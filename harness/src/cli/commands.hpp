// Internal to the CLI: each subcommand registers its options on the app and
// returns the action to run once parsing succeeded.
#pragma once

#include <CLI/CLI.hpp>

#include <chancheck/check_result.hpp>
#include <chancheck/explore/explorer.hpp>
#include <chancheck/model.hpp>
#include <chancheck/relacy_process.hpp>

#include <functional>
#include <string>

namespace chancheck::cli {

using action = std::function<int()>;

// The registered model of that name, or a usage_error naming `chancheck list`.
const model& find_model(const std::string& name);
// Colour on a terminal, never with NO_COLOR set.
bool colour_stdout();
// This program's name, as the replay commands in reports call it.
const std::string& program_name();

// --format, -o and --quiet, shared by check, replay and run.
struct report_settings {
    std::string format = "text";
    std::string output;
    bool quiet = false;
    const CLI::Option* format_option = nullptr;
    bool format_given() const { return format_option && format_option->count() > 0; }
};
void add_report_options(CLI::App* cmd, report_settings& s, bool several);
// One result: the format on stdout, or into -o FILE with the text on stdout.
void emit_report(const check_result& r, const report_settings& s);
// --all: html needs -o DIR (one page per model); a usage_error otherwise.
void check_all_output(const report_settings& s);
// --all: each result as it is done (text or json lines on stdout)...
void emit_progress(const check_result& r, const report_settings& s, bool first);
// ...then the formats that hold them all; with -o DIR one file per model
// (json unless the format was given) and DIR/junit.xml.
void emit_all(const std::vector<check_result>& results, const report_settings& s);

// The live "executions, rate, elapsed, depth, done, left" line on stderr:
// only on a terminal, never with --quiet; cleared when it goes.
class progress_line {
public:
    progress_line(std::string label, const report_settings& s);
    ~progress_line();
    progress_line(const progress_line&) = delete;
    progress_line& operator=(const progress_line&) = delete;
    // Empty when the line is off.
    std::function<void(const search_progress&)> callback();

private:
    void show(const search_progress& p);
    std::string label_;
    bool on_;
    bool shown_ = false;
};

// For several results (exit_code(r) for one, check_result.hpp): the worst.
// "1:05", "2:03:10": a duration for people.
std::string clock_text(double seconds);

int worst_exit_code(const std::vector<check_result>& results);

action add_list_command(CLI::App& app);
action add_run_command(CLI::App& app);
action add_check_command(CLI::App& app);
action add_replay_command(CLI::App& app);
action add_merge_command(CLI::App& app);
// The verdict of a split check from its shards' reports (merge_command.cpp).
check_result merge_parts(const std::vector<std::string>& report_paths);

}  // namespace chancheck::cli
