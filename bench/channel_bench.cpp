// Channel hand-off costs of the threads backend, next to the same programs on
// a mutex + condition_variable channel (naive_queue.hpp) and, through
// bench/vs-go, on Go's runtime (bench/go/bench_test.go has the same names).
//
// One benchmark iteration is one item (a round trip, a value, a select, a
// request), as b.N is in Go, so the reported real time is ns per item. The
// calling thread is one of the goroutines; the others learn the item count
// from state.max_iterations. Iteration counts are fixed so that repetitions
// and runs measure the same work.
#include "naive_queue.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace {

namespace cc = chancheck;
using S = cc::threads;
using count_t = benchmark::IterationCount;

constexpr std::size_t buffered_cap = 1024;
constexpr int requesters = 8;

// The share of `total` items that worker k of `workers` handles.
count_t share(count_t total, int workers, int k) {
    const auto w = static_cast<count_t>(workers);
    return total / w + (static_cast<count_t>(k) < total % w ? 1 : 0);
}

void finish(benchmark::State& state) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// --- chancheck, threads backend ----------------------------------------------

void BM_PingPong(benchmark::State& state) {
    auto ping = cc::make_chan<int, S>(0, "ping");
    auto pong = cc::make_chan<int, S>(0, "pong");
    const count_t n = state.max_iterations;
    cc::wait_group<S> wg;
    wg.add(1);
    cc::go<S>("ponger", [=, &wg] {
        for (count_t i = 0; i < n; ++i) pong.send(ping.recv().value);
        wg.done();
    });
    int v = 0;
    for (auto _ : state) {
        ping.send(v);
        v = pong.recv().value + 1;
    }
    benchmark::DoNotOptimize(v);
    wg.wait();
    finish(state);
}

void buffered(benchmark::State& state, int producers) {
    auto c = cc::make_chan<int, S>(buffered_cap, "values");
    const count_t n = state.max_iterations;
    cc::wait_group<S> wg;
    wg.add(producers);
    for (int k = 0; k < producers; ++k)
        cc::go<S>("producer", [=, &wg] {
            const count_t mine = share(n, producers, k);
            for (count_t i = 0; i < mine; ++i) c.send(static_cast<int>(i));
            wg.done();
        });
    std::int64_t sum = 0;
    for (auto _ : state) sum += c.recv().value;
    benchmark::DoNotOptimize(sum);
    wg.wait();
    finish(state);
}

void BM_Buffered1P1C(benchmark::State& state) { buffered(state, 1); }
void BM_Buffered4P1C(benchmark::State& state) { buffered(state, 4); }

// Both channels hold a value before every select; the one that fired is
// refilled (a buffered send that never blocks), so an item is a select plus
// that send, in all three implementations.
void BM_Select2Ready(benchmark::State& state) {
    auto a = cc::make_chan<int, S>(1, "a");
    auto b = cc::make_chan<int, S>(1, "b");
    a.send(1);
    b.send(2);
    int got = 0;
    std::int64_t from_a = 0;
    for (auto _ : state) {
        const int fired = cc::select({cc::on_recv{a, [&](int v) { got = v; }}, cc::on_recv{b, [&](int v) { got = v; }}});
        from_a += fired == 0;
        (fired == 0 ? a : b).send(got);
    }
    benchmark::DoNotOptimize(from_a);
    finish(state);
}

// Pattern two: requesters share one request and one response channel with a
// coordinator (this thread) that answers each request in turn.
void BM_PatternTwo8(benchmark::State& state) {
    auto requests = cc::make_chan<int, S>(0, "requests");
    auto responses = cc::make_chan<int, S>(0, "responses");
    const count_t n = state.max_iterations;
    cc::wait_group<S> wg;
    wg.add(requesters);
    for (int k = 0; k < requesters; ++k)
        cc::go<S>("requester", [=, &wg] {
            const count_t mine = share(n, requesters, k);
            for (count_t i = 0; i < mine; ++i) {
                requests.send(k);
                benchmark::DoNotOptimize(responses.recv().value);
            }
            wg.done();
        });
    for (auto _ : state) responses.send(requests.recv().value + 1);
    wg.wait();
    finish(state);
}

// --- the floor ----------------------------------------------------------------

// Two threads bouncing one atomic word: a round trip moves one cache line to
// the other core and back, the least any cross-thread hand-off can cost. On
// a VM it depends on where the host runs the two virtual CPUs at the moment
// (on this project's VM from about 30 to 450 ns), and the thread-based
// numbers move with it while Go, which hands off within one scheduler
// thread, hardly moves; so bench/vs-go prints it beside them.
void BM_CoreToCore(benchmark::State& state) {
    alignas(64) std::atomic<count_t> ball{0};
    const count_t n = state.max_iterations;
    std::thread other([&] {
        for (count_t i = 1; i <= n; ++i) {
            while (ball.load(std::memory_order_acquire) != 2 * i - 1) cc::threads_detail::cpu_relax();
            ball.store(2 * i, std::memory_order_release);
        }
    });
    count_t i = 0;
    for (auto _ : state) {
        ++i;
        ball.store(2 * i - 1, std::memory_order_release);
        while (ball.load(std::memory_order_acquire) != 2 * i) cc::threads_detail::cpu_relax();
    }
    other.join();
    finish(state);
}

// --- the mutex + condition_variable baseline ---------------------------------

void BM_Naive_PingPong(benchmark::State& state) {
    naive::chan<int> ping(0);
    naive::chan<int> pong(0);
    const count_t n = state.max_iterations;
    std::thread ponger([&] {
        for (count_t i = 0; i < n; ++i) pong.send(ping.recv());
    });
    int v = 0;
    for (auto _ : state) {
        ping.send(v);
        v = pong.recv() + 1;
    }
    benchmark::DoNotOptimize(v);
    ponger.join();
    finish(state);
}

void naive_buffered(benchmark::State& state, int producers) {
    naive::chan<int> c(buffered_cap);
    const count_t n = state.max_iterations;
    std::vector<std::thread> threads;
    for (int k = 0; k < producers; ++k)
        threads.emplace_back([&, k] {
            const count_t mine = share(n, producers, k);
            for (count_t i = 0; i < mine; ++i) c.send(static_cast<int>(i));
        });
    std::int64_t sum = 0;
    for (auto _ : state) sum += c.recv();
    benchmark::DoNotOptimize(sum);
    for (auto& t : threads) t.join();
    finish(state);
}

void BM_Naive_Buffered1P1C(benchmark::State& state) { naive_buffered(state, 1); }
void BM_Naive_Buffered4P1C(benchmark::State& state) { naive_buffered(state, 4); }

void BM_Naive_Select2Ready(benchmark::State& state) {
    naive::chan<int> a(1);
    naive::chan<int> b(1);
    a.send(1);
    b.send(2);
    std::uint64_t rng = 0x9E3779B97F4A7C15ull;
    int got = 0;
    std::int64_t from_a = 0;
    for (auto _ : state) {
        const int fired = naive::select_recv(a, b, got, rng);
        from_a += fired == 0;
        (fired == 0 ? a : b).send(got);
    }
    benchmark::DoNotOptimize(from_a);
    finish(state);
}

void BM_Naive_PatternTwo8(benchmark::State& state) {
    naive::chan<int> requests(0);
    naive::chan<int> responses(0);
    const count_t n = state.max_iterations;
    std::vector<std::thread> threads;
    for (int k = 0; k < requesters; ++k)
        threads.emplace_back([&, k] {
            const count_t mine = share(n, requesters, k);
            for (count_t i = 0; i < mine; ++i) {
                requests.send(k);
                benchmark::DoNotOptimize(responses.recv());
            }
        });
    for (auto _ : state) responses.send(requests.recv() + 1);
    for (auto& t : threads) t.join();
    finish(state);
}

// Fixed counts sized for a few hundred milliseconds per run on a 2-core machine.
constexpr count_t round_trips = 200'000;
constexpr count_t values = 2'000'000;
constexpr count_t selects = 2'000'000;
constexpr count_t requests_made = 200'000;

}  // namespace

BENCHMARK(BM_PingPong)->Iterations(round_trips)->UseRealTime();
BENCHMARK(BM_CoreToCore)->Iterations(round_trips)->UseRealTime();
BENCHMARK(BM_Buffered1P1C)->Iterations(values)->UseRealTime();
BENCHMARK(BM_Buffered4P1C)->Iterations(values)->UseRealTime();
BENCHMARK(BM_Select2Ready)->Iterations(selects)->UseRealTime();
BENCHMARK(BM_PatternTwo8)->Iterations(requests_made)->UseRealTime();

BENCHMARK(BM_Naive_PingPong)->Iterations(round_trips)->UseRealTime();
BENCHMARK(BM_Naive_Buffered1P1C)->Iterations(values)->UseRealTime();
BENCHMARK(BM_Naive_Buffered4P1C)->Iterations(values)->UseRealTime();
BENCHMARK(BM_Naive_Select2Ready)->Iterations(selects)->UseRealTime();
BENCHMARK(BM_Naive_PatternTwo8)->Iterations(requests_made)->UseRealTime();

BENCHMARK_MAIN();
