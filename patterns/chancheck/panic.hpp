// Go's run-time panics, as a C++ exception type.
//
// Go turns a misuse of a channel or a sync primitive into a panic with a fixed
// message; chancheck throws `chancheck::panic` with exactly that message, so a
// report reads the way the Go program's crash would, and a checker can tell a
// Go panic (a bug the model found) from any other exception (a bug in the
// model code itself).
//
//   try { ch.close(); ch.close(); }
//   catch (const chancheck::panic& p) { assert(p.kind() == chancheck::panic_kind::close_of_closed); }
#pragma once

#include <stdexcept>
#include <string>

namespace chancheck {

enum class panic_kind {
    send_on_closed,
    close_of_closed,
    close_of_nil,
    negative_wait_group,
    unlock_of_unlocked,
    runlock_of_unlocked,
    rw_unlock_of_unlocked,
    bad_capacity,
};

// The message Go's runtime prints for each panic.
constexpr const char* panic_message(panic_kind k) {
    switch (k) {
        case panic_kind::send_on_closed: return "send on closed channel";
        case panic_kind::close_of_closed: return "close of closed channel";
        case panic_kind::close_of_nil: return "close of nil channel";
        case panic_kind::negative_wait_group: return "sync: negative WaitGroup counter";
        case panic_kind::unlock_of_unlocked: return "sync: unlock of unlocked mutex";
        case panic_kind::runlock_of_unlocked: return "sync: RUnlock of unlocked RWMutex";
        case panic_kind::rw_unlock_of_unlocked: return "sync: Unlock of unlocked RWMutex";
        case panic_kind::bad_capacity: return "makechan: size out of range";
    }
    return "panic";
}

class panic : public std::runtime_error {
public:
    explicit panic(panic_kind k) : std::runtime_error(panic_message(k)), kind_(k) {}
    panic_kind kind() const noexcept { return kind_; }

private:
    panic_kind kind_;
};

// An exception that escaped a goroutine, carried to whoever waits for the
// program (the spawner's run), named after the goroutine it came from.
class goroutine_failure : public std::runtime_error {
public:
    goroutine_failure(std::string goroutine, std::string what, bool is_panic)
        : std::runtime_error("goroutine \"" + goroutine + "\": " + (is_panic ? "panic: " : "") + what),
          goroutine_(std::move(goroutine)),
          message_(std::move(what)),
          is_panic_(is_panic) {}
    const std::string& goroutine() const noexcept { return goroutine_; }
    // The exception's own message, without the goroutine prefix.
    const std::string& message() const noexcept { return message_; }
    bool is_panic() const noexcept { return is_panic_; }

private:
    std::string goroutine_;
    std::string message_;
    bool is_panic_;
};

}  // namespace chancheck
