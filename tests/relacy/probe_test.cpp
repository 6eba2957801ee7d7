// Mutation tests of the channel implementation (see mutants.cmake): the
// probe programs (probe_programs.hpp) run under Relacy with the search a
// user gets by default, random scheduling and then, if that finds nothing,
// a context-bounded search.
//
// Built against the real runtime (no CHANCHECK_MUTANT), every program must
// come out clean: a failure there is a bug in the runtime or a false alarm of
// the checker. Built with -DCHANCHECK_MUTANT="name" against a deliberately
// broken copy of one runtime header, at least one program must fail, or
// Relacy (or the probes) would miss that bug; which program caught it, and
// how, is printed for the record, one line per program.
#include "probe_programs.hpp"

#include <gtest/gtest.h>

// Relacy's replacement operator delete (inline, in its header) frees with
// free() what its operator new took with malloc(); GCC sees only the
// replaceable operator new it came from and calls the pair mismatched once
// make_shared's clean-up path is inlined into the probe programs.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#include <chancheck/relacy/relacy.hpp>

#include "run.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#ifdef CHANCHECK_MUTANT
#include <csignal>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace {

using chancheck::relacy;
namespace relacy_run = chancheck::relacy_run;

struct probe {
    const char* name;
    std::function<void()> program;
};

const std::vector<probe>& probes() {
    static const std::vector<probe> all = {
        {"ping_pong", [] { chancheck::probes::ping_pong<relacy>(); }},
        {"buffered_fan_in", [] { chancheck::probes::buffered_fan_in<relacy>(); }},
        {"select_swapped", [] { chancheck::probes::select_swapped<relacy>(); }},
        {"close_wakes", [] { chancheck::probes::close_wakes<relacy>(); }},
        {"mutex_counter", [] { chancheck::probes::mutex_counter<relacy>(); }},
        {"relay_ring", [] { chancheck::probes::relay_ring<relacy>(); }},
    };
    return all;
}

// The search a user gets by default (chancheck check --backend relacy).
constexpr std::uint64_t random_iterations = 20'000;
constexpr unsigned preemption_bound = 1;

struct verdict {
    relacy_run::outcome outcome;
    std::string strategy;  // the one that found the failure, or the last one run
    bool failed() const { return outcome.result != rl::test_result_success; }
};

verdict check(const probe& p) {
    relacy_run::options o;
    o.strategy = "random";
    o.iterations = random_iterations;
    verdict v{relacy_run::simulate_at<8>(p.program, o), "random"};
    if (v.failed()) return v;
    o.strategy = "bounded";
    o.preemption_bound = preemption_bound;
    return {relacy_run::simulate_at<8>(p.program, o), "bounded"};
}

std::string summary(const verdict& v) {
    std::string s = std::string(rl::test_result_str(v.outcome.result)) + " (" + v.strategy + ", iteration " +
                    std::to_string(v.outcome.iterations) + ")";
    if (v.outcome.failure.message[0]) s += ": " + std::string(v.outcome.failure.message);
    return s;
}

}  // namespace

#ifndef CHANCHECK_MUTANT

namespace {
void expect_clean(const char* name) {
    for (const probe& p : probes())
        if (std::string(p.name) == name) {
            const verdict v = check(p);
            EXPECT_FALSE(v.failed()) << summary(v) << "\n" << v.outcome.history;
            return;
        }
    FAIL() << "no probe program named " << name;
}
}  // namespace

TEST(RealRuntime, PingPong) { expect_clean("ping_pong"); }
TEST(RealRuntime, BufferedFanIn) { expect_clean("buffered_fan_in"); }
TEST(RealRuntime, SelectSwapped) { expect_clean("select_swapped"); }
TEST(RealRuntime, CloseWakes) { expect_clean("close_wakes"); }
TEST(RealRuntime, MutexCounter) { expect_clean("mutex_counter"); }
TEST(RealRuntime, RelayRing) { expect_clean("relay_ring"); }

#else

namespace {

// The last event of the execution history (which per-thread histories
// follow after a blank line): the step at which Relacy stopped the iteration.
std::string last_event(const std::string& history) {
    const std::size_t events = history.find("execution history");
    if (events == std::string::npos) return "";
    std::size_t end = history.find("\n\n", events);
    if (end == std::string::npos) end = history.size();
    const std::size_t begin = history.rfind('\n', end - 1) + 1;
    return history.substr(begin, end - begin);
}

// Long enough for a clean probe's two searches, short enough that a probe
// looping where Relacy cannot see it does not eat the test's time limit.
constexpr unsigned probe_seconds = 60;

// What a probe's process reports to the test.
struct report {
    bool failed;
    char text[1536];
};

// Runs one probe in a process of its own. A mutant may corrupt memory
// Relacy does not watch (a waiter left queued points into a dead stack
// frame), so a probe may crash or hang instead of failing a check; that
// must neither end the test nor hide what the other probes found. A crash
// is not a catch: only a failure Relacy reported counts.
report run_isolated(const probe& p) {
    report r{};
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) {
        std::snprintf(r.text, sizeof r.text, "not run: pipe failed");
        return r;
    }
    std::cout.flush();
    const pid_t child = fork();
    if (child == 0) {
        close(pipe_fds[0]);
        alarm(probe_seconds);
        const verdict v = check(p);
        report out{};
        out.failed = v.failed();
        const std::string text =
            v.failed() ? summary(v) + "\n    at " + last_event(v.outcome.history)
                       : "nothing found (" + std::to_string(random_iterations) + " random, then " +
                             std::to_string(v.outcome.iterations) + " bounded iterations)";
        std::snprintf(out.text, sizeof out.text, "%s", text.c_str());
        const ssize_t written = write(pipe_fds[1], &out, sizeof out);
        _exit(written == static_cast<ssize_t>(sizeof out) ? 0 : 1);
    }
    close(pipe_fds[1]);
    if (child < 0) {
        close(pipe_fds[0]);
        std::snprintf(r.text, sizeof r.text, "not run: fork failed");
        return r;
    }
    std::size_t got = 0;
    while (got < sizeof r) {
        const ssize_t n = read(pipe_fds[0], reinterpret_cast<char*>(&r) + got, sizeof r - got);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    close(pipe_fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (got == sizeof r) return r;
    r = report{};
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        std::snprintf(r.text, sizeof r.text, "not caught: still running after %u s", probe_seconds);
    else if (WIFSIGNALED(status))
        std::snprintf(r.text, sizeof r.text, "not caught: crashed (%s) before Relacy reported anything",
                      strsignal(WTERMSIG(status)));
    else
        std::snprintf(r.text, sizeof r.text, "not caught: exited with status %d", WEXITSTATUS(status));
    return r;
}

}  // namespace

TEST(Mutant, CaughtByAProbe) {
    std::string caught;
    for (const probe& p : probes()) {
        const report r = run_isolated(p);
        std::cout << "[mutant " << CHANCHECK_MUTANT << "] " << p.name << ": " << r.text << std::endl;
        if (r.failed) caught += (caught.empty() ? "" : ", ") + std::string(p.name);
    }
    EXPECT_FALSE(caught.empty()) << "no probe program caught mutant " << CHANCHECK_MUTANT;
    if (!caught.empty()) std::cout << "[mutant " << CHANCHECK_MUTANT << "] caught by " << caught << std::endl;
}

#endif
