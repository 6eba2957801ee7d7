// Running a fuzz program under the explorer: `interpret(p)` is the program
// passed to run_explorer, called once per execution. What the goroutines
// observe (values received, select cases taken, len results, ...) is noted
// in a per-thread log that the execution's outcome is read from: with a
// split search executions run on several threads at once.
//
//   run_explorer([&] { interpret(p); }, o);   // in o.on_execution: observations()
#pragma once

#include "program.hpp"

#include <string>
#include <vector>

namespace fuzz {

struct observation {
    std::string goroutine;
    std::string what;
};

// What the execution that last ran on this thread noted, in order. The
// interpreter notes through note(), and so can a program written in emit.cpp's
// form (regressions_test.cpp: the programs the fuzzer found, kept as tests).
const std::vector<observation>& observations();
void note(const std::string& goroutine, const std::string& what);
void clear_observations();

void interpret(const program& p);

}  // namespace fuzz
