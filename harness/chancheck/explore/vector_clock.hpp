// Vector clocks: one counter per goroutine. The explorer keeps two kinds:
// the Go memory model's happens-before (to find data races on shared<T>),
// and the search's own, over dependent events (to find reversible races
// between events, which is what partial-order reduction explores).
//
//   vector_clock a, b;
//   a.tick(0);            // goroutine 0 did something
//   b.join(a);            // ...that goroutine 1 then synchronised with
//   assert(a.leq(b));
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <chancheck/explore/small_vec.hpp>

namespace chancheck::explore_detail {

class vector_clock {
public:
    std::uint32_t get(std::size_t g) const { return g < c_.size() ? c_[g] : 0; }
    void set(std::size_t g, std::uint32_t v) {
        grow(g);
        c_[g] = v;
    }
    void tick(std::size_t g) {
        grow(g);
        ++c_[g];
    }
    void join(const vector_clock& o) {
        if (o.c_.size() > c_.size()) c_.resize(o.c_.size(), 0);
        for (std::size_t i = 0; i < o.c_.size(); ++i) c_[i] = std::max(c_[i], o.c_[i]);
    }
    // Every component <= the other's: this happened before (or is) `o`.
    bool leq(const vector_clock& o) const {
        for (std::size_t i = 0; i < c_.size(); ++i)
            if (c_[i] > o.get(i)) return false;
        return true;
    }
    void clear() { c_.clear(); }

private:
    void grow(std::size_t g) {
        if (g >= c_.size()) c_.resize(g + 1, 0);
    }
    small_vec<std::uint32_t, 16> c_;
};

}  // namespace chancheck::explore_detail
