// The two system calls the threads platform sleeps and wakes with.
#include <chancheck/threads/platform.hpp>

#include <climits>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace chancheck::threads_detail {

namespace {
// std::atomic<uint32_t> is a plain 32-bit word on Linux, which is what the
// futex syscall addresses.
static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t));
std::uint32_t* word_of(std::atomic<std::uint32_t>& a) { return reinterpret_cast<std::uint32_t*>(&a); }
}  // namespace

void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected) {
    syscall(SYS_futex, word_of(word), FUTEX_WAIT_PRIVATE, expected, nullptr, nullptr, 0);
}

void futex_wake_one(std::atomic<std::uint32_t>& word) {
    syscall(SYS_futex, word_of(word), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

}  // namespace chancheck::threads_detail
