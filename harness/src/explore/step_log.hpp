// The schedule of the running execution, kept where a signal handler and a
// watchdog thread can still read it. Two things end a search without a
// result: model code that crashes (a signal), and a goroutine blocked in an
// operation the explorer does not control (a std::mutex, a join, I/O), which
// stops the single thread every goroutine runs on. Both leave the process;
// what they can still say is the schedule that got there, for replay.
//
//   step_log::arm_watchdog(30);      // per search
//   step_log::begin();               // per execution
//   step_log::note(e.key_text());    // per step
//   step_log::end();
#pragma once

#include <string>

namespace chancheck::explore_detail::step_log {

void begin();
void note(const std::string& key);
void end();
// With no step for `seconds` while an execution runs, the process exits
// (code 4) saying why; 0 disarms.
void arm_watchdog(double seconds);

}  // namespace chancheck::explore_detail::step_log
