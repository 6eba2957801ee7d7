// Internal to the CLI: each subcommand registers its options on the app and
// returns the action to run once parsing succeeded.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace chancheck::cli {

using action = std::function<int()>;

action add_list_command(CLI::App& app);
action add_run_command(CLI::App& app);
action add_check_command(CLI::App& app);
action add_replay_command(CLI::App& app);

}  // namespace chancheck::cli
