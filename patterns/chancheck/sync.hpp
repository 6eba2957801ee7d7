// The Sync backend concept: everything pattern code may do that involves
// another goroutine goes through a backend type `S` that satisfies `Sync`.
//
// Pattern and model code is a template over `S` and never names a backend, so
// the same source runs on real threads (`chancheck::threads`), under the
// explorer and under Relacy. A backend is a type with static functions (the
// current goroutine is found through thread-local state, as loom does), plus
// the object types below. Users do not call these members directly: they use
// chan.hpp, select.hpp, go.hpp, time.hpp and sync_types.hpp, which forward here.
//
// What a backend provides:
//  - `channel_base`, and `channel<T>` derived from it, built by
//    `make_channel<T>(cap, name, loc)`: `send(T&, loc)` (moves from the value),
//    `bool recv(T&, loc)` (returns ok), `close(loc)`, `len()`, `cap()`,
//    `bool offer(T&)` (a send that never blocks; false when it would).
//  - `select(cases, has_default, loc)`: completes exactly one ready case,
//    chosen uniformly, and returns its index; -1 for default.
//  - `go(name, fn, options, loc)`: start a goroutine.
//  - `block_forever(what, loc)`: park the calling goroutine for ever (nil channels).
//  - `start_timer(duration, channel, loc)`: offer the current time on the
//    channel once the duration has passed (Go's time.After).
//  - `sleep(duration, loc)`: Go's time.Sleep; a scheduling point, no ordering.
//  - `violation(property, message, loc)`: a model's property does not hold
//    here (see property.hpp); a checker turns it into a counterexample.
//  - `wait_group`, `mutex`, `rw_mutex`: Go's sync types (methods take a loc);
//    `cond`, made from a `mutex&`: wait, signal, broadcast.
//  - `shared<T>`: plain data accessed by several goroutines; `read(loc)` and
//    `write(loc)` are where a checker looks for data races.
//
//   template <chancheck::Sync S>
//   void ping() {
//       auto c = chancheck::make_chan<int, S>(0, "c");
//       chancheck::go<S>("pong", [c] { auto [v, ok] = c.recv(); });
//       c.send(1);
//   }
#pragma once

#include <chrono>
#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <source_location>
#include <span>
#include <string>
#include <string_view>

namespace chancheck {

// What a goroutine is doing when it blocks; reports and traces name it.
enum class op_kind { send, recv, close, select, lock, rlock, unlock, wait, sleep, nil_send, nil_recv, nil_select };

constexpr const char* op_name(op_kind k) {
    switch (k) {
        case op_kind::send: return "send";
        case op_kind::recv: return "receive";
        case op_kind::close: return "close";
        case op_kind::select: return "select";
        case op_kind::lock: return "lock";
        case op_kind::rlock: return "rlock";
        case op_kind::unlock: return "unlock";
        case op_kind::wait: return "wait";
        case op_kind::sleep: return "sleep";
        case op_kind::nil_send: return "send on nil channel";
        case op_kind::nil_recv: return "receive from nil channel";
        case op_kind::nil_select: return "select with no ready-able case";
    }
    return "?";
}

using time_point = std::chrono::steady_clock::time_point;

struct go_options {
    // A daemon goroutine may outlive main (Go's programs end when main returns;
    // a non-daemon goroutine still blocked then is a leak).
    bool daemon = false;
    // Goroutines started by one goroutine under the same non-empty name here
    // are interchangeable (interchangeable.hpp): a checker may explore one of
    // them where any would do. Backends that do not search ignore it.
    std::string interchangeable = {};
};

// One case of a select, type-erased so a backend's select is written once.
template <class ChannelBase>
struct select_case {
    ChannelBase* chan = nullptr;  // nullptr: a nil channel, never ready
    bool is_send = false;
    void* elem = nullptr;  // send: the T to move from; receive: the T to move into
    bool ok = false;       // receive: false when the channel was closed
};

template <class S>
concept Sync = requires(std::string name, std::function<void()> fn, std::source_location loc,
                        std::span<select_case<typename S::channel_base>> cases,
                        typename S::template channel<int>& ch, int& value,
                        std::shared_ptr<typename S::template channel<time_point>> timer_ch,
                        typename S::wait_group& wg, typename S::mutex& mu, typename S::rw_mutex& rw,
                        typename S::cond& cv,
                        typename S::template shared<int>& sh, std::chrono::nanoseconds d) {
    requires std::derived_from<typename S::template channel<int>, typename S::channel_base>;
    { S::template make_channel<int>(std::size_t{0}, std::string_view{}, loc) }
        -> std::same_as<std::shared_ptr<typename S::template channel<int>>>;
    { ch.send(value, loc) } -> std::same_as<void>;
    { ch.recv(value, loc) } -> std::same_as<bool>;
    { ch.offer(value) } -> std::same_as<bool>;
    { ch.close(loc) } -> std::same_as<void>;
    { ch.len() } -> std::convertible_to<std::size_t>;
    { ch.cap() } -> std::convertible_to<std::size_t>;
    { S::select(cases, true, loc) } -> std::same_as<int>;
    { S::go(name, fn, go_options{}, loc) } -> std::same_as<void>;
    { S::block_forever(op_kind::nil_send, loc) } -> std::same_as<void>;
    { S::start_timer(d, timer_ch, loc) } -> std::same_as<void>;
    { S::sleep(d, loc) } -> std::same_as<void>;
    { S::violation(std::string_view{}, std::string{}, loc) } -> std::same_as<void>;
    { wg.add(1, loc) } -> std::same_as<void>;
    { wg.done(loc) } -> std::same_as<void>;
    { wg.wait(loc) } -> std::same_as<void>;
    { mu.lock(loc) } -> std::same_as<void>;
    { mu.unlock(loc) } -> std::same_as<void>;
    { rw.rlock(loc) } -> std::same_as<void>;
    { rw.runlock(loc) } -> std::same_as<void>;
    { rw.lock(loc) } -> std::same_as<void>;
    { rw.unlock(loc) } -> std::same_as<void>;
    requires std::constructible_from<typename S::cond, typename S::mutex&>;
    { cv.wait(loc) } -> std::same_as<void>;
    { cv.signal(loc) } -> std::same_as<void>;
    { cv.broadcast(loc) } -> std::same_as<void>;
    { sh.read(loc) } -> std::same_as<const int&>;
    { sh.write(loc) } -> std::same_as<int&>;
};

}  // namespace chancheck
