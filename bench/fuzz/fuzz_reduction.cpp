// fuzz_reduction: a differential fuzzer for the explorer's partial-order
// reduction. It generates small random programs over the whole chancheck
// API (program.hpp), collects the outcome set of each under the unreduced
// exhaustive search (the oracle) and under the searches that must agree
// with it (outcomes.hpp), and prints every disagreement: the program as
// C++, what the search missed or has extra, and the same after shrinking.
//
//   fuzz_reduction --programs 1000 --seed 1
//   fuzz_reduction --seed 57 --programs 1 --verbose    # program 56 of the run above
//   fuzz_reduction --programs 500 --seed 9 --modes default,jobs --without len,rwmutex
//
// Program i uses seed S+i. --first-seed is another name for --seed. The
// last line sums up: programs run, compared, skipped (the oracle did not
// finish within --max-executions / --time-limit), disagreements, masked
// (see outcomes.hpp), seconds. Exit status 1 when anything disagreed.
#include "outcomes.hpp"
#include "program.hpp"
#include "shrink.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace fuzz;

struct options {
    std::uint64_t programs = 100;
    std::uint64_t seed = 1;
    generate_options gen;
    std::vector<mode> modes{mode::reduced, mode::jobs, mode::bounded, mode::symmetry};
    bool stop_at_first = false;
    bool verbose = false;
    bool shrink = true;
    search_limits limits;
};

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

[[noreturn]] void usage(const std::string& why) {
    std::ostream& out = why.empty() ? std::cout : std::cerr;
    if (!why.empty()) out << "fuzz_reduction: " << why << "\n";
    out << "usage: fuzz_reduction [--programs N] [--seed S | --first-seed S] [--max-goroutines K]\n"
                 "         [--modes default,jobs,bounded,symmetry] [--without FEATURE,...] [--stop-at-first]\n"
                 "         [--verbose] [--no-shrink] [--max-executions N] [--time-limit SECONDS] [--time any|synctest]\n"
                 "features:";
    for (const auto& f : feature_names()) out << " " << f;
    out << "\n";
    std::exit(why.empty() ? 0 : 2);
}

options parse(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(a + " needs a value");
            return argv[++i];
        };
        auto number = [&]() -> std::uint64_t {
            const std::string v = value();
            char* end = nullptr;
            const auto n = std::strtoull(v.c_str(), &end, 10);
            if (v.empty() || *end) usage(a + ": not a number: " + v);
            return n;
        };
        if (a == "--help" || a == "-h") usage("");
        else if (a == "--programs") o.programs = number();
        else if (a == "--seed" || a == "--first-seed") o.seed = number();
        else if (a == "--max-goroutines") o.gen.max_goroutines = static_cast<int>(number());
        else if (a == "--max-executions") o.limits.max_executions = number();
        else if (a == "--time-limit") o.limits.seconds = std::stod(value());
        else if (a == "--time") {
            const std::string t = value();
            if (t != "any" && t != "synctest") usage("--time: any or synctest, not " + t);
            o.limits.time = t == "synctest" ? chancheck::explore_detail::time_mode::synctest
                                            : chancheck::explore_detail::time_mode::any;
        }
        else if (a == "--stop-at-first") o.stop_at_first = true;
        else if (a == "--verbose") o.verbose = true;
        else if (a == "--no-shrink") o.shrink = false;
        else if (a == "--without") {
            for (const auto& f : split(value())) {
                bool known = false;
                for (const auto& n : feature_names()) known |= n == f;
                if (!known) usage("unknown feature " + f);
                o.gen.without.insert(f);
            }
        } else if (a == "--modes") {
            o.modes.clear();
            for (const auto& m : split(value())) {
                if (m == "default") o.modes.push_back(mode::reduced);
                else if (m == "jobs") o.modes.push_back(mode::jobs);
                else if (m == "bounded") o.modes.push_back(mode::bounded);
                else if (m == "symmetry") o.modes.push_back(mode::symmetry);
                else usage("unknown mode " + m);
            }
        } else usage("unknown argument " + a);
    }
    if (o.gen.max_goroutines < 2) usage("--max-goroutines must be at least 2");
    return o;
}

void print_outcomes(const char* title, const std::vector<std::string>& outcomes) {
    if (outcomes.empty()) return;
    std::cout << "  " << title << ":\n";
    for (std::string x : outcomes) {
        for (auto at = x.find('\n'); at != std::string::npos; at = x.find('\n', at + 1)) x.insert(at + 1, "    ");
        std::cout << "    " << x << "\n";
    }
}

void report(const program& p, mode m, const difference& d, const char* what) {
    std::cout << what << " (" << size(p) << " statements):\n" << emit_cpp(p);
    std::cout << "  the " << mode_name(m) << " search";
    if (!d.missed.empty()) std::cout << " missed " << d.missed.size() << " outcome(s)";
    if (!d.extra.empty()) std::cout << (d.missed.empty() ? "" : " and") << " has " << d.extra.size() << " the oracle does not";
    if (d.missed.empty() && d.extra.empty()) std::cout << " failed";
    std::cout << "\n";
    print_outcomes("missed", d.missed);
    print_outcomes("extra", d.extra);
}

}  // namespace

int main(int argc, char** argv) {
    const options o = parse(argc, argv);
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t run = 0, compared = 0, skipped = 0, masked = 0, disagreements = 0;
    std::map<std::string, std::uint64_t> by_mode, cut;
    for (std::uint64_t i = 0; i < o.programs; ++i) {
        const std::uint64_t seed = o.seed + i;
        const program p = generate(seed, o.gen);
        ++run;
        const outcome_set oracle = explore_outcomes(p, mode::oracle, o.limits);
        if (!oracle.error.empty()) {
            std::cout << "seed " << seed << ": the unreduced search failed: " << oracle.error << "\n" << emit_cpp(p);
            ++disagreements;
            ++by_mode["no-reduction"];
            continue;
        }
        if (!oracle.complete) {
            ++skipped;
            if (o.verbose) std::cout << "seed " << seed << ": skipped, the unreduced search did not finish\n";
            continue;
        }
        ++compared;
        bool any = false;
        for (mode m : o.modes) {
            if (m == mode::symmetry && !has_group(p)) continue;
            const outcome_set other = explore_outcomes(p, m, o.limits);
            if (m == mode::symmetry && other.error.starts_with("symmetry:")) continue;
            if (other.error.empty() && !other.complete) {
                ++cut[mode_name(m)];
                continue;
            }
            const difference d = compare(oracle, other, m);
            if (d.masked) {
                ++masked;
                if (o.verbose) {
                    std::cout << "seed " << seed << ": " << mode_name(m) << " masked by a failure\n";
                    report(p, m, d, "masked program");
                }
            }
            if (!d.disagrees) continue;
            any = true;
            ++disagreements;
            ++by_mode[mode_name(m)];
            std::cout << "\n=== seed " << seed << ": the " << mode_name(m) << " search disagrees with --no-reduction"
                      << (other.error.empty() ? "" : ": " + other.error) << "\n";
            report(p, m, d, "program");
            if (!o.shrink || !other.error.empty()) continue;
            // Shrunk keeping each kind of difference in turn: the smallest.
            std::string kept;
            program small = p;
            for (const std::string& signature : d.signature) {
                program s = shrink(p, m, signature, o.limits, {});
                if (kept.empty() || size(s) < size(small)) small = std::move(s), kept = signature;
            }
            const difference ds = compare(explore_outcomes(small, mode::oracle, o.limits), explore_outcomes(small, m, o.limits), m);
            std::cout << "--- shrunk, keeping \"" << kept << "\"\n";
            report(small, m, ds, "shrunk program");
        }
        if (o.verbose && !any)
            std::cout << "seed " << seed << ": agrees (" << oracle.outcomes.size() << " outcomes, " << oracle.executions
                      << " executions unreduced)\n";
        if (any && o.stop_at_first) break;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "\nfuzz_reduction: " << run << " programs run, " << compared << " compared, " << skipped
              << " skipped (unreduced search too big), " << disagreements << " disagreements";
    for (const auto& [m, n] : by_mode) std::cout << " (" << m << " " << n << ")";
    std::cout << ", " << masked << " masked by a failure";
    for (const auto& [m, n] : cut) std::cout << ", " << n << " " << m << " searches cut";
    std::printf(", %.1f s\n", seconds);
    return disagreements ? 1 : 0;
}
