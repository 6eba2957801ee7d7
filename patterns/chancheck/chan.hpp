// Go channels: `chan<T, S>` is a reference to a channel, as in Go, and a
// default-constructed one is the nil channel (blocks for ever, close panics).
//
// Every operation forwards to the backend S (see sync.hpp), so the same code
// runs on threads, under the explorer and under Relacy. Names are optional and
// only used in reports ("blocked on send to requests").
//
//   auto c = chancheck::make_chan<int, S>(1, "results");
//   c.send(42);
//   auto [v, ok] = c.recv();          // v == 42, ok == true
//   c.close();
//   for (int x : c) { ... }           // range: ends when closed and drained
#pragma once

#include <chancheck/panic.hpp>
#include <chancheck/sync.hpp>

#include <concepts>
#include <cstddef>
#include <iterator>
#include <memory>
#include <source_location>
#include <string_view>
#include <utility>

namespace chancheck {

template <class T>
struct recv_result {
    T value{};
    bool ok = false;
};

// Go channels carry values that have a zero value and can be moved.
template <class T>
concept channel_value = std::default_initializable<T> && std::movable<T>;

template <channel_value T, class S>
class chan {
public:
    using backend = S;
    using value_type = T;
    using impl_type = typename S::template channel<T>;

    chan() = default;  // the nil channel
    explicit chan(std::shared_ptr<impl_type> impl) : impl_(std::move(impl)) {}

    void send(T value, std::source_location loc = std::source_location::current()) const {
        if (!impl_) S::block_forever(op_kind::nil_send, loc);
        impl_->send(value, loc);
    }

    recv_result<T> recv(std::source_location loc = std::source_location::current()) const {
        recv_result<T> r;
        if (!impl_) S::block_forever(op_kind::nil_recv, loc);
        r.ok = impl_->recv(r.value, loc);
        return r;
    }

    void close(std::source_location loc = std::source_location::current()) const {
        if (!impl_) throw panic(panic_kind::close_of_nil);
        impl_->close(loc);
    }

    // A checker may make len a step of its own (it reads what sends and
    // receives change), so it takes the caller's line like they do.
    std::size_t len(std::source_location loc = std::source_location::current()) const {
        if (!impl_) return 0;
        if constexpr (requires { impl_->len(loc); }) return impl_->len(loc);
        else return impl_->len();
    }
    std::size_t cap() const { return impl_ ? impl_->cap() : 0; }
    bool is_nil() const { return impl_ == nullptr; }
    friend bool operator==(const chan& a, const chan& b) { return a.impl_ == b.impl_; }

    // For select and backends: the channel object, nullptr when nil.
    impl_type* impl() const { return impl_.get(); }
    const std::shared_ptr<impl_type>& shared_impl() const { return impl_; }

    // `for (T v : ch)` receives until the channel is closed and drained. It
    // holds the channel itself, not the variable: Go evaluates the range
    // expression once, so assigning the variable in the loop changes nothing.
    class iterator {
    public:
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(const chan& c, std::source_location loc) : c_(c), loc_(loc), live_(true) { advance(); }
        const T& operator*() const { return cur_.value; }
        iterator& operator++() {
            advance();
            return *this;
        }
        void operator++(int) { advance(); }
        friend bool operator==(const iterator& it, std::default_sentinel_t) { return !it.live_; }

    private:
        void advance() {
            cur_ = c_.recv(loc_);
            if (!cur_.ok) live_ = false;
        }
        chan c_;
        std::source_location loc_;
        bool live_ = false;
        recv_result<T> cur_;
    };
    // The receives are attributed to the range-for that called begin().
    iterator begin(std::source_location loc = std::source_location::current()) const { return iterator(*this, loc); }
    std::default_sentinel_t end() const { return {}; }

private:
    std::shared_ptr<impl_type> impl_;
};

// make(chan T, capacity). A negative capacity panics as in Go.
template <channel_value T, class S>
chan<T, S> make_chan(long long capacity = 0, std::string_view name = {},
                     std::source_location loc = std::source_location::current()) {
    if (capacity < 0) throw panic(panic_kind::bad_capacity);
    return chan<T, S>(S::template make_channel<T>(static_cast<std::size_t>(capacity), name, loc));
}

}  // namespace chancheck
