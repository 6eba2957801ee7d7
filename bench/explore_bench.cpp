// The explorer's speed and memory on shared-channels: executions and events
// per second for N = 6..9 requesters (N! executions each), and the peak
// resident set size after each search. The search is stateless, so memory
// follows the depth of one execution, not the number of executions.
#include <chancheck/check_model.hpp>

#include <benchmark/benchmark.h>

#include <sys/resource.h>

namespace {

double peak_rss_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void BM_ExploreSharedChannels(benchmark::State& state) {
    const chancheck::model* m = chancheck::registry::instance().find("shared-channels");
    const auto params = m->spec().parse({"requesters=" + std::to_string(state.range(0))});
    chancheck::check_result r;
    for (auto _ : state) r = chancheck::check_model(*m, params, {});
    if (r.outcome != chancheck::verdict::proved) state.SkipWithError("not proved");
    const double n = static_cast<double>(state.iterations());
    state.counters["executions"] = static_cast<double>(r.stats.executions);
    state.counters["executions/s"] = benchmark::Counter(static_cast<double>(r.stats.executions) * n, benchmark::Counter::kIsRate);
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(r.stats.events) * n, benchmark::Counter::kIsRate);
    state.counters["peak_rss_MiB"] = peak_rss_mib();
}
BENCHMARK(BM_ExploreSharedChannels)->DenseRange(6, 9)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
