// Go's select: waits until one of several channel operations can proceed,
// performs exactly that one, and runs its handler. Among several ready cases
// one is chosen uniformly at random; `on_default` runs only when none is
// ready; nil channels are never ready; a select with no case ready and no
// default blocks (for ever if every channel is nil).
//
//   int fired = chancheck::select(
//       chancheck::on_recv(responses, [&](Response r, bool ok) { ... }),
//       chancheck::on_send(requests, req, [&] { ... }),
//       chancheck::on_recv(timeout, [&] { gave_up = true; }),
//       chancheck::on_default([&] { ... }));   // fired: argument index of the case taken
//
// The backend is deduced from the channels; with only a default (or no case
// at all) name it: `chancheck::select<S>(on_default(...))`.
#pragma once

#include <chancheck/chan.hpp>
#include <chancheck/sync.hpp>

#include <array>
#include <cstddef>
#include <functional>
#include <source_location>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

namespace chancheck {

template <class T, class S, class F>
struct recv_case {
    const chan<T, S>& ch;
    F fn;
    std::source_location loc;
    T slot{};
};

template <class T, class S, class F>
struct send_case {
    const chan<T, S>& ch;
    T value;
    F fn;
    std::source_location loc;
};

template <class F>
struct default_case {
    F fn;
};

struct no_handler {
    void operator()() const {}
};

template <class T, class S, class F = no_handler>
recv_case<T, S, F> on_recv(const chan<T, S>& ch, F fn = {},
                           std::source_location loc = std::source_location::current()) {
    return {ch, std::move(fn), loc};
}

template <class T, class S, class V, class F = no_handler>
send_case<T, S, F> on_send(const chan<T, S>& ch, V&& value, F fn = {},
                           std::source_location loc = std::source_location::current()) {
    return {ch, T(std::forward<V>(value)), std::move(fn), loc};
}

template <class F = no_handler>
default_case<F> on_default(F fn = {}) {
    return {std::move(fn)};
}

namespace detail {

template <class C>
struct case_traits {
    static constexpr bool is_default = false;
};
template <class F>
struct case_traits<default_case<F>> {
    static constexpr bool is_default = true;
    using backend = void;
};
template <class T, class S, class F>
struct case_traits<recv_case<T, S, F>> {
    static constexpr bool is_default = false;
    using backend = S;
};
template <class T, class S, class F>
struct case_traits<send_case<T, S, F>> {
    static constexpr bool is_default = false;
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
void run_handler(recv_case<T, S, F>& c, bool ok) {
    if constexpr (std::is_invocable_v<F&, T&&, bool>) std::invoke(c.fn, std::move(c.slot), ok);
    else if constexpr (std::is_invocable_v<F&, T&&>) std::invoke(c.fn, std::move(c.slot));
    else std::invoke(c.fn);
}
template <class T, class S, class F>
void run_handler(send_case<T, S, F>& c, bool) {
    std::invoke(c.fn);
}
template <class F>
void run_handler(default_case<F>& c, bool) {
    std::invoke(c.fn);
}

template <class Base, class T, class S, class F>
select_case<Base> describe(recv_case<T, S, F>& c) {
    return {c.ch.impl(), false, &c.slot, false};
}
template <class Base, class T, class S, class F>
select_case<Base> describe(send_case<T, S, F>& c) {
    return {c.ch.impl(), true, &c.value, false};
}

template <class C>
std::source_location location_of(const C& c) {
    if constexpr (requires { c.loc; }) return c.loc;
    else return std::source_location::current();
}

}  // namespace detail

template <class S = void, class... Cases>
int select(Cases&&... cases) {
    using B = std::conditional_t<std::is_void_v<S>, typename detail::first_backend<std::decay_t<Cases>...>::type, S>;
    static_assert(!std::is_void_v<B>, "select needs a channel case, or the backend named: select<S>(...)");
    constexpr std::size_t defaults = (std::size_t{0} + ... + (detail::case_traits<std::decay_t<Cases>>::is_default ? 1 : 0));
    static_assert(defaults <= 1, "a select has at most one default case");
    constexpr std::size_t n = sizeof...(Cases) - defaults;
    using Base = typename B::channel_base;

    auto all = std::forward_as_tuple(cases...);
    // descs[k] is the k-th channel case; arg_of[k] its argument index.
    std::array<select_case<Base>, n> descs{};
    std::array<int, n> arg_of{};
    std::source_location loc = std::source_location::current();
    bool loc_set = false;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        std::size_t k = 0;
        // Unused only in `select<S>()`, Go's `select {}`.
        [[maybe_unused]] auto add = [&](auto& c, int arg) {
            using C = std::decay_t<decltype(c)>;
            if constexpr (!detail::case_traits<C>::is_default) {
                descs[k] = detail::describe<Base>(c);
                arg_of[k] = arg;
                ++k;
                if (!loc_set) loc = detail::location_of(c), loc_set = true;
            }
        };
        (add(std::get<I>(all), static_cast<int>(I)), ...);
    }(std::index_sequence_for<Cases...>{});

    int fired = B::select(std::span<select_case<Base>>(descs.data(), n), defaults == 1, loc);
    int fired_arg = -1;
    bool ok = false;
    if (fired >= 0) {
        fired_arg = arg_of[static_cast<std::size_t>(fired)];
        ok = descs[static_cast<std::size_t>(fired)].ok;
    }
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        [[maybe_unused]] auto maybe_run = [&](auto& c, int arg) {
            using C = std::decay_t<decltype(c)>;
            bool mine = detail::case_traits<C>::is_default ? fired < 0 : arg == fired_arg;
            if (mine) {
                detail::run_handler(c, ok);
                fired_arg = arg;
            }
        };
        (maybe_run(std::get<I>(all), static_cast<int>(I)), ...);
    }(std::index_sequence_for<Cases...>{});
    return fired_arg;
}

}  // namespace chancheck
