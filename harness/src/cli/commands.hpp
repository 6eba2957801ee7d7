// Internal to the CLI: each subcommand registers its options on the app and
// returns the action to run once parsing succeeded.
#pragma once

#include <CLI/CLI.hpp>

#include <chancheck/model.hpp>

#include <functional>
#include <string>

namespace chancheck::cli {

using action = std::function<int()>;

// The registered model of that name, or a usage_error naming `chancheck list`.
const model& find_model(const std::string& name);
// Colour on a terminal, never with NO_COLOR set.
bool colour_stdout();

action add_list_command(CLI::App& app);
action add_run_command(CLI::App& app);
action add_check_command(CLI::App& app);
action add_replay_command(CLI::App& app);

}  // namespace chancheck::cli
