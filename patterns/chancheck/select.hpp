// Go's select: waits until one of several channel operations can proceed,
// performs exactly that one, and runs its handler. Among several ready cases
// one is chosen uniformly at random; `on_default` runs only when none is
// ready; nil channels are never ready; a select with no case ready and no
// default blocks (for ever if every channel is nil).
//
//   int fired = chancheck::select({
//       chancheck::on_recv{responses, [&](Response r, bool ok) { ... }},
//       chancheck::on_send{requests, next_request(), [&] { ... }},
//       chancheck::on_recv{timeout, [&] { gave_up = true; }},
//       chancheck::on_default([&] { ... }),
//   });   // fired: the index of the case taken
//
// Braces, around the cases and around each case's operands, are evaluated
// left to right, so every channel and every value to send is evaluated once,
// in source order, as Go's spec says: `requests`, then `next_request()`, then
// `timeout`. Parentheses also work, `select(on_recv(...), on_send(...))`,
// but C++ evaluates the arguments of a call in no set order (GCC: right to
// left); that matters only when evaluating one operand changes another.
//
// The backend is deduced from the channels; with only a default the default
// simply runs. Go's `select {}` needs the backend named: `select<S>()`.
#pragma once

#include <chancheck/chan.hpp>
#include <chancheck/sync.hpp>

#include <array>
#include <cstddef>
#include <functional>
#include <new>
#include <source_location>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace chancheck {

struct no_handler {
    void operator()() const {}
};

// The cases are class templates rather than functions so that they can be
// written with braces, which order their operands. A case holds the channel
// object its operand names when the operand is evaluated: a later operand
// that assigns the channel variable does not change it, as Go evaluates each
// operand once. The channel must stay alive until the select returns.
template <class T, class S>
struct channel_operand {
    channel_operand(const chan<T, S>& c) : impl(c.impl()) {}  // implicit: the case's parameter
    typename chan<T, S>::impl_type* impl;                    // nullptr: the nil channel
};

template <class T, class S, class F = no_handler>
struct on_recv {
    on_recv(channel_operand<T, S> c, F f = {}, std::source_location l = std::source_location::current())
        : ch(c.impl), fn(std::move(f)), loc(l) {}

    typename chan<T, S>::impl_type* ch;
    F fn;
    std::source_location loc;
    T slot{};
};
template <class T, class S>
on_recv(const chan<T, S>&) -> on_recv<T, S>;
template <class T, class S, class F>
on_recv(const chan<T, S>&, F) -> on_recv<T, S, F>;
template <class T, class S, class F>
on_recv(const chan<T, S>&, F, std::source_location) -> on_recv<T, S, F>;

template <class T, class S, class F = no_handler>
struct on_send {
    on_send(channel_operand<T, S> c, std::type_identity_t<T> v, F f = {},
            std::source_location l = std::source_location::current())
        : ch(c.impl), value(std::move(v)), fn(std::move(f)), loc(l) {}

    typename chan<T, S>::impl_type* ch;
    T value;
    F fn;
    std::source_location loc;
};
template <class T, class S>
on_send(const chan<T, S>&, std::type_identity_t<T>) -> on_send<T, S>;
template <class T, class S, class F>
on_send(const chan<T, S>&, std::type_identity_t<T>, F) -> on_send<T, S, F>;
template <class T, class S, class F>
on_send(const chan<T, S>&, std::type_identity_t<T>, F, std::source_location) -> on_send<T, S, F>;

template <class F = no_handler>
struct on_default {
    on_default(F f = {}) : fn(std::move(f)) {}
    F fn;
};

namespace detail {

template <class C>
struct case_traits {
    static constexpr bool is_case = false;
};
template <class F>
struct case_traits<on_default<F>> {
    static constexpr bool is_case = true;
    static constexpr bool is_default = true;
    using backend = void;
};
template <class T, class S, class F>
struct case_traits<on_recv<T, S, F>> {
    static constexpr bool is_case = true;
    static constexpr bool is_default = false;
    static constexpr bool is_send = false;
    using backend = S;
};
template <class T, class S, class F>
struct case_traits<on_send<T, S, F>> {
    static constexpr bool is_case = true;
    static constexpr bool is_default = false;
    static constexpr bool is_send = true;
    using backend = S;
};

template <class... Cs>
struct first_backend {
    using type = void;
};
template <class C, class... Cs>
struct first_backend<C, Cs...> {
    using type = std::conditional_t<std::is_void_v<typename case_traits<C>::backend>,
                                    typename first_backend<Cs...>::type, typename case_traits<C>::backend>;
};

template <class T, class S, class F>
void run_handler(on_recv<T, S, F>& c, bool ok) {
    if constexpr (std::is_invocable_v<F&, T&&, bool>) std::invoke(c.fn, std::move(c.slot), ok);
    else if constexpr (std::is_invocable_v<F&, T&&>) std::invoke(c.fn, std::move(c.slot));
    else std::invoke(c.fn);
}
template <class T, class S, class F>
void run_handler(on_send<T, S, F>& c, bool) {
    std::invoke(c.fn);
}
template <class F>
void run_handler(on_default<F>& c, bool) {
    std::invoke(c.fn);
}

struct any_case;
template <class B>
int select_cases(std::span<any_case> cases, std::byte* room);

// One case of a select with its types erased, so the cases of a braced list
// (which must all have one type) can differ, and both spellings of select
// share one implementation. It points into the case it was made from: a
// temporary of the select's full expression, or the variadic select's
// argument.
struct any_case {
    template <class C>
        requires case_traits<std::remove_reference_t<C>>::is_case
    any_case(C&& c)  // implicit: the elements of the braced list convert
        : self(&c), run([](void* p, bool ok) { run_handler(*static_cast<std::remove_reference_t<C>*>(p), ok); }) {
        using Case = std::remove_reference_t<C>;
        static_assert(!std::is_const_v<Case>, "select receives into and moves from its cases");
        if constexpr (!case_traits<Case>::is_default) {
            using B = typename case_traits<Case>::backend;
            chan = static_cast<typename B::channel_base*>(c.ch);
            if constexpr (case_traits<Case>::is_send) elem = &c.value;
            else elem = &c.slot;
            is_send = case_traits<Case>::is_send;
            loc = c.loc;
            dispatch = &select_cases<B>;
        }
    }
    bool is_default() const { return dispatch == nullptr; }

    void* self;
    void (*run)(void* self, bool ok);
    void* chan = nullptr;  // the backend's channel_base; nullptr: a nil channel
    void* elem = nullptr;
    bool is_send = false;
    std::source_location loc;
    // select_cases for the channel's backend; nullptr for the default case.
    int (*dispatch)(std::span<any_case>, std::byte*) = nullptr;
};

// The select itself: describes the channel cases for the backend in `room`
// (uninitialised, room for one select_case per case), hands them over, then
// runs the handler of the case taken and returns its index.
template <class B>
int select_cases(std::span<any_case> cases, std::byte* room) {
    using Base = typename B::channel_base;
    static_assert(sizeof(select_case<Base>) == sizeof(select_case<void>) &&
                  alignof(select_case<Base>) == alignof(select_case<void>));
    std::size_t n = 0, defaults = 0;
    std::source_location loc = std::source_location::current();
    for (const any_case& c : cases) {
        if (c.is_default()) {
            ++defaults;
            continue;
        }
        // The compiler cannot check a braced list's cases against each other.
        if (c.dispatch != &select_cases<B>) throw std::invalid_argument("a select's channels have one backend");
        if (n == 0) loc = c.loc;
        ::new (room + n * sizeof(select_case<Base>)) select_case<Base>{static_cast<Base*>(c.chan), c.is_send, c.elem};
        ++n;
    }
    if (defaults > 1) throw std::invalid_argument("a select has at most one default case");
    std::span<select_case<Base>> descs(std::launder(reinterpret_cast<select_case<Base>*>(room)), n);

    const int fired = B::select(descs, defaults == 1, loc);
    const bool ok = fired >= 0 && descs[static_cast<std::size_t>(fired)].ok;
    std::size_t k = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        any_case& c = cases[i];
        if (c.is_default() ? fired < 0 : static_cast<int>(k++) == fired) {
            c.run(c.self, ok);
            return static_cast<int>(i);
        }
    }
    return -1;  // unreachable: the backend completed a case or the default
}

// Storage for select_cases' descriptions of N cases: every backend's
// select_case has one layout, so a caller need not know the backend.
template <std::size_t N>
struct case_room {
    alignas(select_case<void>) std::byte bytes[(N > 0 ? N : 1) * sizeof(select_case<void>)];
};

}  // namespace detail

// select({cases...}): the operands evaluated in source order. The backend
// is the channels'; named, select<S>({...}), it must be theirs.
template <class S = void, std::size_t N>
int select(detail::any_case (&&cases)[N]) {
    std::span<detail::any_case> all(cases, N);
    detail::case_room<N> room;
    if constexpr (!std::is_void_v<S>) {
        return detail::select_cases<S>(all, room.bytes);
    } else {
        for (detail::any_case& c : all)
            if (!c.is_default()) return c.dispatch(all, room.bytes);
        // Only defaults: no channel, so no backend, and nothing to wait for.
        if (N > 1) throw std::invalid_argument("a select has at most one default case");
        all[0].run(all[0].self, false);
        return 0;
    }
}

// select(cases...): the same select, with its operands evaluated in the
// order C++ evaluates function arguments (unspecified).
template <class S = void, class... Cases>
int select(Cases&&... cases) {
    using B = std::conditional_t<std::is_void_v<S>, typename detail::first_backend<std::decay_t<Cases>...>::type, S>;
    static_assert(!std::is_void_v<B>, "select needs a channel case, or the backend named: select<S>(...)");
    constexpr std::size_t defaults =
        (std::size_t{0} + ... + (detail::case_traits<std::decay_t<Cases>>::is_default ? 1 : 0));
    static_assert(defaults <= 1, "a select has at most one default case");
    static_assert(((std::is_void_v<typename detail::case_traits<std::decay_t<Cases>>::backend> ||
                    std::is_same_v<typename detail::case_traits<std::decay_t<Cases>>::backend, B>) &&
                   ...),
                  "a select's channels have one backend");
    std::array<detail::any_case, sizeof...(Cases)> all{detail::any_case(cases)...};
    detail::case_room<sizeof...(Cases)> room;
    return detail::select_cases<B>(all, room.bytes);
}

}  // namespace chancheck
