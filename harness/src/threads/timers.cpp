// Timers for after(): one service thread sleeps until the earliest deadline
// and offers the time on the timer's channel (a send that never blocks: the
// channel has capacity 1, as Go's time.After).
#include "goroutines.hpp"

#include <condition_variable>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace chancheck {

namespace {

struct timer_service {
    struct entry {
        time_point deadline;
        std::uint64_t seq;
        std::shared_ptr<threads::channel<time_point>> ch;
        bool operator>(const entry& o) const { return deadline != o.deadline ? deadline > o.deadline : seq > o.seq; }
    };

    std::mutex m;
    std::condition_variable cv;
    std::priority_queue<entry, std::vector<entry>, std::greater<>> queue;
    std::uint64_t seq = 0;
    bool started = false;

    void add(time_point deadline, std::shared_ptr<threads::channel<time_point>> ch) {
        std::lock_guard lock(m);
        queue.push({deadline, seq++, std::move(ch)});
        if (!started) {
            started = true;
            std::thread([this] { loop(); }).detach();
        }
        cv.notify_one();
    }

    void loop() {
        std::unique_lock lock(m);
        for (;;) {
            if (queue.empty()) {
                cv.wait(lock);
                continue;
            }
            time_point deadline = queue.top().deadline;
            if (std::chrono::steady_clock::now() < deadline) {
                cv.wait_until(lock, deadline);
                continue;
            }
            auto ch = queue.top().ch;
            queue.pop();
            lock.unlock();
            time_point now = std::chrono::steady_clock::now();
            ch->offer(now);
            threads_detail::timer_fires.fetch_add(1, std::memory_order_relaxed);
            ch.reset();
            lock.lock();
        }
    }
};

timer_service& service() {
    static auto* s = new timer_service;  // never destroyed: its thread runs until exit
    return *s;
}

}  // namespace

void threads::start_timer(std::chrono::nanoseconds d, std::shared_ptr<channel<time_point>> ch,
                          const std::source_location&) {
    service().add(std::chrono::steady_clock::now() + d, std::move(ch));
}

}  // namespace chancheck
