// The chancheck command line, as a library: a program that registers its own
// models gets the whole CLI (list, run, ...) for them with
//
//   int main(int argc, char** argv) { return chancheck::cli_main(argc, argv); }
//
// Exit codes: 0 nothing wrong found, 1 a property was violated, 2 usage error.
#pragma once

namespace chancheck {

int cli_main(int argc, char** argv);

}  // namespace chancheck
