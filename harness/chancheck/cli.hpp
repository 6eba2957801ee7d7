// The chancheck command line, as a library: a program that registers its own
// models gets the whole CLI (list, run, ...) for them with
//
//   int main(int argc, char** argv) { return chancheck::cli_main(argc, argv); }
//
// Exit codes (every command; its --help says which it uses):
//   0  proved, or nothing wrong found (run; a shard that searched all its part)
//   1  a counterexample: a property was violated (replay: it reproduced)
//   2  usage error, or a model that cannot be checked as declared (it is not
//      deterministic, a symmetry declaration that does not hold)
//   3  bounded: no counterexample and no proof (a limit, bound or sampling cut
//      the search; a replay that did not reproduce; always for --estimate,
//      which runs no search)
//   4  the watchdog ended the process: a goroutine blocked outside the
//      explorer's control (a std::mutex, a join, I/O)
#pragma once

namespace chancheck {

int cli_main(int argc, char** argv);

}  // namespace chancheck
