// Running small programs on the threads backend for the conformance tests.
#pragma once

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace conformance {

namespace cc = chancheck;
using S = cc::threads;
using outcome = S::run_result::outcome;

// Long enough that a goroutine which can still move has moved, short enough
// to keep the programs that must block for ever cheap.
inline S::run_options stall_fast() {
    S::run_options o;
    o.stall_after = std::chrono::milliseconds(200);
    return o;
}

inline void expect_completes(std::function<void()> program, std::uint64_t seed = 1) {
    S::run_options o;
    o.seed = seed;
    auto r = S::run(std::move(program), o);
    EXPECT_EQ(r.how, outcome::completed) << r.describe();
}

// The panic `op` raises inside a program, if any.
inline std::optional<cc::panic_kind> panic_of(std::function<void()> op) {
    std::optional<cc::panic_kind> kind;
    expect_completes([&] {
        try {
            op();
        } catch (const cc::panic& p) {
            kind = p.kind();
        }
    });
    return kind;
}

// Runs `program` as a program of its own until it stalls with its main
// goroutine blocked in `op`. The goroutine stays parked and a later program
// may wake it: with the user API alone, the way to know for certain that one
// goroutine has queued on a channel or lock before the next one does.
// Whatever the parked goroutine uses must outlive the test (capture by value).
inline ::testing::AssertionResult parks(std::function<void()> program, std::string_view op) {
    auto r = S::run(std::move(program), stall_fast());
    if (r.how != outcome::stalled) return ::testing::AssertionFailure() << "did not stall: " << r.describe();
    for (const auto& g : r.alive)
        if (g.name == "main" && g.blocked && g.waiting_on.find(op) != std::string::npos)
            return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "main is not blocked in \"" << op << "\": " << r.describe();
}

}  // namespace conformance
