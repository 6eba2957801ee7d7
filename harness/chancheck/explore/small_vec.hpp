// A vector that keeps its first N elements inline. The explorer copies
// vector clocks and event footprints at every step of every execution;
// almost all of them are small, and the heap traffic was most of the cost.
//
//   small_vec<int, 4> v;
//   v.push_back(7);          // no allocation until a fifth element
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>

namespace chancheck::explore_detail {

template <class T, std::size_t N>
class small_vec {
public:
    small_vec() = default;
    small_vec(const small_vec& o) { assign(o); }
    small_vec& operator=(const small_vec& o) {
        if (this != &o) {
            size_ = 0;
            assign(o);
        }
        return *this;
    }
    small_vec(small_vec&& o) noexcept { take(o); }
    small_vec& operator=(small_vec&& o) noexcept {
        if (this != &o) take(o);
        return *this;
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    T* begin() { return data(); }
    T* end() { return data() + size_; }
    const T* begin() const { return data(); }
    const T* end() const { return data() + size_; }
    T& operator[](std::size_t i) { return data()[i]; }
    const T& operator[](std::size_t i) const { return data()[i]; }

    void clear() { size_ = 0; }
    void push_back(const T& v) {
        reserve(size_ + 1);
        data()[size_++] = v;
    }
    void resize(std::size_t n, const T& fill) {
        reserve(n);
        std::fill(data() + std::min(n, size_), data() + n, fill);
        size_ = n;
    }

private:
    T* data() { return heap_ ? heap_.get() : inline_; }
    const T* data() const { return heap_ ? heap_.get() : inline_; }
    void reserve(std::size_t n) {
        if (n <= capacity_) return;
        std::size_t cap = std::max(n, capacity_ * 2);
        auto bigger = std::make_unique<T[]>(cap);
        std::copy(begin(), end(), bigger.get());
        heap_ = std::move(bigger);
        capacity_ = cap;
    }
    void assign(const small_vec& o) {
        reserve(o.size_);
        std::copy(o.begin(), o.end(), data());
        size_ = o.size_;
    }
    void take(small_vec& o) {
        if (o.heap_) {
            heap_ = std::move(o.heap_);
            capacity_ = o.capacity_;
            size_ = o.size_;
        } else {
            size_ = 0;
            assign(o);
        }
        o.size_ = 0;
        o.capacity_ = N;
    }

    T inline_[N]{};
    std::unique_ptr<T[]> heap_;
    std::size_t size_ = 0;
    std::size_t capacity_ = N;
};

}  // namespace chancheck::explore_detail
