// The fuzzer's programs as data: per goroutine a list of statements over a
// fixed set of objects (channels, mutexes, RWMutexes, WaitGroups, Conds,
// shared ints), with bounded loops and selects whose cases have bodies.
// The generator makes them (generate.cpp), the interpreter runs them under
// the explorer (interpret.cpp), the printer writes them as C++ against the
// chancheck API (emit.cpp), and the shrinker cuts them down (shrink.cpp).
//
//   program p = generate(seed, {.max_goroutines = 4});
//   std::cout << emit_cpp(p);
//   run_explorer([&] { interpret(p); }, options);
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace fuzz {

enum class op : std::uint8_t {
    // channels: a = channel index
    send,    // value
    recv,    // notes "<-cA = v" (", closed" when ok is false)
    close,
    select,  // arms, has_default, otherwise
    len,     // notes "len cA = n"
    cap,     // notes "cap cA = n"
    range,   // for v := range cA { note; body }
    go,      // a = goroutine index; value = members (> 1: interchangeable goroutines)
    lock,    // a = mutex
    unlock,
    rlock,   // a = RWMutex
    runlock,
    wlock,
    wunlock,
    wg_add,  // a = WaitGroup; value = delta
    wg_done,
    wg_wait,
    cond_wait,       // a = Cond: lock its mutex; for !flag { wait }; unlock
    cond_signal,     // lock; flag = 1; Signal; unlock
    cond_broadcast,  // lock; flag = 1; Broadcast; unlock
    read,            // a = shared int; notes "sA = v"
    write,           // value
    print,           // value: notes "print v"
    panic,           // panic("boom")
    sleep,
    after,           // <-time.After(1ms)
    loop,            // value = count; body
};

struct stmt;

// A select case: a send, a receive, or a receive from a fresh time.After.
struct arm {
    bool send = false;
    bool timer = false;
    int chan = 0;
    int value = 0;
    std::vector<stmt> body;
};

struct stmt {
    op kind = op::print;
    int a = 0;
    int value = 0;
    std::vector<stmt> body;  // loop, range
    std::vector<arm> arms;   // select
    bool has_default = false;
    std::vector<stmt> otherwise;  // select's default
};

struct goroutine {
    std::string name;  // "main", "g1", ...; members of a group are "g2 0", "g2 1", ...
    std::vector<stmt> body;
    bool recover = false;  // defer func() { recover() }: a panic ends only this goroutine
};

struct program {
    std::vector<int> chans;  // capacities; -1: a nil channel
    int mutexes = 0;
    int rw_mutexes = 0;
    int wait_groups = 0;
    int conds = 0;  // each with its own mutex and shared flag
    int shareds = 0;
    std::vector<goroutine> g;  // g[0] is main
};

struct generate_options {
    int max_goroutines = 4;  // besides main
    // Features left out ("len", "rwmutex", ...: see feature_names()), to
    // look past a class of disagreement already known.
    std::set<std::string> without;
};
program generate(std::uint64_t seed, const generate_options& o);
const std::vector<std::string>& feature_names();

// The goroutines started by some go statement reachable from main: members
// of a group count once.
std::vector<int> reachable(const program& p);
// Statements in the reachable goroutines, nested ones included.
std::size_t size(const program& p);
// Whether some go statement starts interchangeable goroutines.
bool has_group(const program& p);

// The program as a function template over the chancheck API: the same
// objects, created in the same order, the same statements, the same notes.
std::string emit_cpp(const program& p, const std::string& function_name = "program");

}  // namespace fuzz
