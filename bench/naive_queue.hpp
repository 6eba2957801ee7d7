// The baseline channel_bench compares chancheck against: a Go-style channel
// built the textbook way, one std::mutex and two std::condition_variables per
// channel, no spinning, no hand-off. It is what one writes without a runtime,
// so chancheck's threads backend should never be slower than it.
//
//   naive::chan<int> c(0);          // unbuffered: send waits for the receiver
//   std::thread t([&] { c.send(1); });
//   int v = c.recv();
//   t.join();
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace naive {

template <class T>
class chan {
public:
    explicit chan(std::size_t cap) : cap_(cap), ring_(cap ? cap : 1) {}
    chan(const chan&) = delete;
    chan& operator=(const chan&) = delete;

    void send(T v) {
        std::unique_lock lock(m_);
        if (cap_ == 0) {
            // Rendezvous: one sender at a time deposits in the single slot,
            // then waits until a receiver has taken that very deposit.
            can_send_.wait(lock, [&] { return count_ == 0; });
            ring_[0] = std::move(v);
            count_ = 1;
            const std::uint64_t mine = ++deposited_;
            can_recv_.notify_one();
            can_send_.wait(lock, [&] { return taken_ >= mine; });
            return;
        }
        can_send_.wait(lock, [&] { return count_ < cap_; });
        ring_[(head_ + count_) % cap_] = std::move(v);
        ++count_;
        can_recv_.notify_one();
    }

    T recv() {
        std::unique_lock lock(m_);
        can_recv_.wait(lock, [&] { return count_ > 0; });
        return take(lock);
    }

    // For naive::select: a receive that never blocks.
    std::optional<T> try_recv() {
        std::unique_lock lock(m_);
        if (count_ == 0) return std::nullopt;
        return take(lock);
    }

private:
    T take(std::unique_lock<std::mutex>&) {
        T v = std::move(ring_[head_]);
        --count_;
        if (cap_ == 0) {
            ++taken_;
            // Both the depositing sender and the next senders wait on can_send_.
            can_send_.notify_all();
        } else {
            head_ = (head_ + 1) % cap_;
            can_send_.notify_one();
        }
        return v;
    }

    const std::size_t cap_;
    std::mutex m_;
    std::condition_variable can_send_;
    std::condition_variable can_recv_;
    std::vector<T> ring_;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
    std::uint64_t deposited_ = 0;
    std::uint64_t taken_ = 0;
};

// A receive from whichever of a and b is ready, polled in random order as Go
// does; when neither is, it yields and polls again. There is no cross-channel
// wake-up with one condition variable per channel: a real select would need a
// runtime, which is the point of the comparison. Returns 0 for a, 1 for b.
template <class T>
int select_recv(chan<T>& a, chan<T>& b, T& out, std::uint64_t& rng) {
    for (;;) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        const int first = static_cast<int>(rng & 1);
        for (int k = 0; k < 2; ++k) {
            const int i = first ^ k;
            if (auto v = (i == 0 ? a : b).try_recv()) {
                out = std::move(*v);
                return i;
            }
        }
        std::this_thread::yield();
    }
}

}  // namespace naive
