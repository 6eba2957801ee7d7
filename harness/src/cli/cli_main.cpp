// Parses the command line and runs the chosen subcommand. Every usage error
// is one line on stderr and exit code 2.
#include "commands.hpp"

#include <chancheck/cli.hpp>
#include <chancheck/model.hpp>

#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace chancheck {

namespace cli {

const model& find_model(const std::string& name) {
    const model* m = registry::instance().find(name);
    if (!m) throw usage_error("no model named \"" + name + "\" (see `chancheck list`)");
    return *m;
}

bool colour_stdout() { return ::isatty(1) && !std::getenv("NO_COLOR"); }

namespace {
std::string program = "chancheck";
}
const std::string& program_name() { return program; }

}  // namespace cli

int cli_main(int argc, char** argv) {
    if (argc > 0 && argv[0] && *argv[0]) {
        const std::string path = argv[0];
        cli::program = path.substr(path.find_last_of('/') + 1);
    }
    CLI::App app{"chancheck: check Go-style channel patterns written in C++", "chancheck"};
    app.require_subcommand(1);
    app.footer(
        "Examples:\n"
        "  chancheck list\n"
        "  chancheck check shared-channels -p requesters=6\n"
        "  chancheck run shared-channels -p requesters=8 --iterations 1000\n"
        "Run `chancheck COMMAND --help` for a command's options.");

    cli::action list = cli::add_list_command(app);
    cli::action run = cli::add_run_command(app);
    cli::action check = cli::add_check_command(app);
    cli::action replay = cli::add_replay_command(app);
    cli::action merge = cli::add_merge_command(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "chancheck: " << e.what() << "\n";
        return 2;
    }
    try {
        if (app.got_subcommand("list")) return list();
        if (app.got_subcommand("check")) return check();
        if (app.got_subcommand("replay")) return replay();
        if (app.got_subcommand("merge")) return merge();
        return run();
    } catch (const usage_error& e) {
        std::cerr << "chancheck: " << e.what() << "\n";
        return 2;
    } catch (const std::runtime_error& e) {
        std::cerr << "chancheck: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "chancheck: internal error: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace chancheck
