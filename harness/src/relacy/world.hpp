// The goroutines of one Relacy iteration: who exists, who sleeps on which
// futex word, how the program ends, and the failure that ended it.
//
// Relacy ends an iteration when every thread has returned, and calls it a
// deadlock when every unfinished thread is blocked. A Go program ends when
// main returns, with daemons still blocked. So main, on returning, waits
// until every other goroutine has finished or sleeps (nothing can change any
// more), reports the sleeping non-daemons as a leak, then wakes the sleepers
// with `ended` set; each unwinds from its futex wait (goroutine_exit) and
// returns. Waiting for quiescence only adds runs in which main returns later,
// which a Go program may always do.
//
// All of it is plain memory: Relacy runs every simulated thread on one OS
// thread and switches only inside its own operations, and the bookkeeping is
// the harness's, not the code under test.
//
//   world::begin_iteration(records, n, main_word);   // the test suite's constructor
//   world::run_main(program);                         // Relacy's static thread
#pragma once

#include <chancheck/relacy/platform.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace chancheck::relacy_detail {

// Thrown inside a sleeping goroutine once the program has ended.
struct goroutine_exit {};

enum class failure_kind { none, assertion, panic, leak, capacity };

// What ended an iteration, when chancheck ended it (Relacy's own verdicts,
// deadlock, race, livelock, are Relacy's result codes).
struct failure_record {
    failure_kind kind = failure_kind::none;
    char goroutine[64] = {};
    char message[1024] = {};
    const char* file = "";
    unsigned line = 0;
};

// A goroutine blocked when the iteration ended (for deadlock and leak).
struct blocked_record {
    std::string goroutine;
    std::string waiting_on;
    std::string file;
    unsigned line = 0;
};

class world {
public:
    static constexpr std::size_t max_goroutines = 64;

    static void begin_iteration(locked::goroutine<relacy_platform>* records, std::size_t capacity,
                                atomic<std::uint32_t>& main_word);
    static void set_program(const std::function<void()>* program) { program_ = program; }
    static void run_main();

    static locked::goroutine<relacy_platform>& current();
    static std::uint64_t next_channel_order() { return channels_made_++; }
    static void spawn(std::string name, std::function<void()> fn, bool daemon);
    // The body of a goroutine's Relacy thread.
    static void trampoline_body(void* spawn_args);
    [[noreturn]] static void fail(failure_kind kind, const std::string& message, const char* file, unsigned line);

    static void sleep_on(atomic<std::uint32_t>& word, std::uint32_t expected);
    static void wake_all(atomic<std::uint32_t>& word);

    // After a failed iteration: what ended it, and who was blocked.
    static const failure_record& failure() { return failure_; }
    static std::vector<blocked_record> blocked();
    // Goroutine names by Relacy thread index, for the execution history.
    static std::vector<std::string> names();
    // Names of the objects of the last iteration, for the addresses in its
    // history: each (address, size, name).
    static void label(const void* object, std::size_t size, const std::string& name);
    struct object_label {
        std::uintptr_t address;
        std::size_t size;
        std::string name;
    };
    static std::vector<object_label> labels();

private:
    struct slot {
        char name[64];
        bool daemon;
        bool started;
        bool finished;
        const void* sleeping_on;  // the futex word, while in a futex wait
    };

    static bool quiescent();
    static void note_quiet_maybe();
    static void end_program();
    static slot& me();

    static inline locked::goroutine<relacy_platform>* records_ = nullptr;
    static inline std::size_t capacity_ = 0;
    static inline atomic<std::uint32_t>* main_word_ = nullptr;
    static inline const std::function<void()>* program_ = nullptr;
    static inline slot slots_[max_goroutines] = {};
    static inline std::size_t spawned_ = 0;
    static inline std::uint64_t channels_made_ = 0;  // goroutines started by go(), ever
    static inline int unstarted_ = 0;
    static inline bool main_done_ = false;
    static inline bool main_waiting_ = false;
    static inline bool ended_ = false;
    static inline failure_record failure_ = {};
    struct label_slot {
        const void* object;
        std::size_t size;
        char name[48];
    };
    static constexpr std::size_t max_labels = 256;
    static inline label_slot labels_[max_labels] = {};
    static inline std::size_t label_count_ = 0;
};

}  // namespace chancheck::relacy_detail
