// Running chancheck-relacy and reading its report back (relacy_process.hpp).
#include <chancheck/relacy_process.hpp>

#include <chancheck/model.hpp>
#include <chancheck/reports/report.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace chancheck {

namespace {

bool executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

// Beside this program (the build tree, an installed bin/), else on PATH;
// CHANCHECK_RELACY names it explicitly.
std::string relacy_program() {
    if (const char* given = std::getenv("CHANCHECK_RELACY"); given && *given) {
        if (!executable(given)) throw usage_error(std::string("CHANCHECK_RELACY=") + given + " is not an executable");
        return given;
    }
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        std::string dir(self, static_cast<std::size_t>(n));
        dir.erase(dir.find_last_of('/') + 1);
        if (executable(dir + "chancheck-relacy")) return dir + "chancheck-relacy";
    }
    if (const char* path = std::getenv("PATH")) {
        std::string p = path;
        for (std::size_t start = 0; start <= p.size();) {
            const std::size_t end = std::min(p.find(':', start), p.size());
            const std::string candidate = p.substr(start, end - start) + "/chancheck-relacy";
            if (end > start && executable(candidate)) return candidate;
            start = end + 1;
        }
    }
    throw usage_error("the relacy backend needs the chancheck-relacy program, which is neither beside this "
                      "program nor on PATH (set CHANCHECK_RELACY to its path)");
}

std::string temp_path() {
    char path[] = "/tmp/chancheck-relacy-XXXXXX";
    const int fd = ::mkstemp(path);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the relacy report");
    ::close(fd);
    return path;
}

// The last of Relacy's progress lines, "P% (done/total)": how far a search
// got before it was ended.
std::uint64_t last_progress(const std::string& path) {
    std::ifstream in(path);
    std::string line, last;
    while (std::getline(in, line))
        if (line.find("% (") != std::string::npos) last = line;
    std::uint64_t done = 0, total = 0;
    if (const auto open = last.find('('); open != std::string::npos)
        std::sscanf(last.c_str() + open, "(%lu/%lu)", &done, &total);
    return done;
}

check_result timed_out(const relacy_request& req, double seconds, const std::string& progress) {
    check_result r;
    r.model = req.model;
    r.backend = "relacy";
    r.strategy = req.strategy == "bounded" ? "context-bound scheduler"
                 : req.strategy == "exhaustive" ? "full-search scheduler" : "random scheduler";
    r.outcome = verdict::bounded;
    r.stats.seconds = seconds;
    const std::uint64_t done = last_progress(progress);
    r.stats.executions = done;
    char cut[192];
    std::snprintf(cut, sizeof cut,
                  "time limit: Relacy stopped after %.1f s with nothing found, at least %lu iterations in (it counts "
                  "them every 65,536)",
                  seconds, static_cast<unsigned long>(done));
    r.cuts.push_back(cut);
    return r;
}

}  // namespace

check_result check_relacy(const relacy_request& req) {
    const std::string program = relacy_program();
    const std::string report = temp_path();
    const std::string progress = temp_path();
    std::vector<std::string> args = {program, req.model};
    for (const auto& p : req.params) args.insert(args.end(), {"-p", p});
    args.insert(args.end(), {"--strategy", req.strategy, "--iterations", std::to_string(req.iterations),
                             "--preemption-bound", std::to_string(req.preemption_bound), "--json", report,
                             "--progress", progress});
    if (!req.schedule.empty()) args.insert(args.end(), {"--schedule", req.schedule});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // Its own text output is not wanted; its usage errors (stderr) are.
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int err = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0) throw std::runtime_error("cannot start " + program + ": " + std::strerror(err));

    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, req.time_limit > 0 ? WNOHANG : 0);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) throw std::runtime_error("lost the chancheck-relacy process");
        if (req.time_limit > 0 && elapsed() >= req.time_limit) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            check_result r = timed_out(req, elapsed(), progress);
            std::remove(report.c_str());
            std::remove(progress.c_str());
            return r;
        }
        if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::ifstream in(report);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::remove(report.c_str());
    std::remove(progress.c_str());
    if (WIFEXITED(status) && WEXITSTATUS(status) == 2) throw usage_error("the relacy backend refused the check (above)");
    if (!WIFEXITED(status) || text.empty())
        throw std::runtime_error("chancheck-relacy ended without a report (" +
                                 (WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                                      : "exit " + std::to_string(WEXITSTATUS(status))) +
                                 ")");
    return reports::read_json(text);
}

}  // namespace chancheck
