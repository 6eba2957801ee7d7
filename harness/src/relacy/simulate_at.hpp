// The Relacy test suite for a program with up to `Goroutines` goroutines,
// and one search over it. Included by one size_*.cpp per size.
#pragma once

#include "run.hpp"

#include <chancheck/relacy/relacy.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace chancheck::relacy_run {

template <std::size_t Goroutines>
struct program_suite : rl::test_suite<program_suite<Goroutines>, 1> {
    static const rl::thread_id_t dynamic_thread_count = Goroutines - 1;

    // Relacy objects must be made and destroyed within an iteration: the
    // goroutine records live in the suite, which Relacy builds for each one.
    std::array<locked::goroutine<relacy_platform>, Goroutines> records;
    relacy_detail::atomic<std::uint32_t> main_word{0};

    program_suite() { relacy_detail::world::begin_iteration(records.data(), Goroutines, main_word); }
    void thread(unsigned) { relacy_detail::world::run_main(); }
};

inline rl::scheduler_type_e scheduler_of(const std::string& strategy) {
    if (strategy == "bounded") return rl::sched_bound;
    if (strategy == "exhaustive") return rl::sched_full;
    return rl::sched_random;
}

template <std::size_t Goroutines>
outcome simulate_at(const std::function<void()>& program, const options& o) {
    relacy_detail::world::set_program(&program);
    // Relacy writes while it simulates; only a file stream opened beforehand
    // is safe then (an ostringstream is not).
    char path[] = "/tmp/chancheck-relacy-XXXXXX";
    const int fd = mkstemp(path);
    if (fd >= 0) close(fd);
    outcome out;
    {
        std::ofstream log(path);
        std::ofstream progress;
        if (!o.progress_path.empty()) progress.open(o.progress_path);
        rl::test_params p;
        p.search_type = scheduler_of(o.strategy);
        p.iteration_count = static_cast<rl::iteration_t>(o.iterations);
        p.context_bound = o.preemption_bound;
        p.execution_depth_limit = o.depth_limit;
        p.initial_state = o.initial_state;
        p.output_stream = &log;
        p.progress_stream = progress.is_open() ? &progress : &log;
        rl::simulate<program_suite<Goroutines>>(p);
        out.result = p.test_result;
        out.iterations = p.stop_iteration;
        out.final_state = p.final_state;
    }
    {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        out.history = text.str();
    }
    std::remove(path);
    out.goroutines = Goroutines;
    out.failure = relacy_detail::world::failure();
    if (out.result != rl::test_result_success) {
        out.blocked = relacy_detail::world::blocked();
        out.names = relacy_detail::world::names();
        out.labels = relacy_detail::world::labels();
    }
    return out;
}

}  // namespace chancheck::relacy_run
