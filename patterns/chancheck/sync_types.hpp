// Go's sync package and plain shared data, through the backend.
//
// `wait_group<S>`, `mutex<S>`, `rw_mutex<S>` and `cond<S>` behave as Go's
// (misuse panics with Go's message; rw_mutex is writer-preferring; a cond is
// made over a mutex, like sync.NewCond(&mu), and its wait() unlocks it, waits
// for signal() or broadcast(), and locks it again). Their lock/unlock take
// only defaulted arguments, so std::lock_guard and std::unique_lock work.
// `shared<T, S>` holds data that several goroutines touch: on real threads it
// is the plain value; a checker records every read() and write() to find
// accesses that no channel or lock orders (data races).
//
//   chancheck::mutex<S> mu;
//   chancheck::shared<std::map<std::string, int>, S> table;
//   { std::lock_guard g(mu); table.write()["a"] = 1; }
//   chancheck::wait_group<S> wg;
//   wg.add(1);
//   chancheck::go<S>("worker", [&] { table.read(); wg.done(); });
//   wg.wait();
#pragma once

#include <chancheck/sync.hpp>

namespace chancheck {

template <class S>
using wait_group = typename S::wait_group;

template <class S>
using mutex = typename S::mutex;

template <class S>
using rw_mutex = typename S::rw_mutex;

template <class S>
using cond = typename S::cond;

template <class T, class S>
using shared = typename S::template shared<T>;

}  // namespace chancheck
