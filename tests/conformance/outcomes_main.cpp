// The conformance suite's main. Every registered case becomes two tests,
// Explorer.<case> (its outcome set equals the declared one, on the clock the
// case names, and the virtual clock's set lies inside timers-at-any-step's) and
// Threads.<case> (what real threads show lies in it); the files' TESTs run
// beside them. For the Go comparison (go/compare.py) it also prints cases:
//
//   conformance_tests --list                 one case name a line
//   conformance_tests --case NAME            the case's declared and explorer sets
#include "outcomes.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <iostream>
#include <string>

namespace conformance {
namespace {

std::string listed(const std::set<std::string>& s) {
    std::string text;
    for (const auto& o : s) text += "\n    " + o;
    return text.empty() ? " (none)" : text;
}

class explorer_test : public ::testing::Test {
public:
    explicit explorer_test(const registered_case& c) : c_(c) {}
    void TestBody() override {
        if (!c_.explore) GTEST_SKIP() << "the explorer is not built in this preset";
        bool complete = false;
        auto got = explorer_outcomes(c_, complete);
        ASSERT_TRUE(complete) << "the search was cut by a limit";
        const auto& spec = c_.spec;
        if (!spec.explore_known_failing.empty()) {
            ASSERT_NE(got, spec.allowed) << "marked known failing but agrees with Go now: remove the mark";
            GTEST_SKIP() << "known failing: " << spec.explore_known_failing << "\n  explorer:" << listed(got)
                         << "\n  Go allows:" << listed(spec.allowed);
        }
        EXPECT_EQ(got, spec.allowed) << spec.rule << "\n  explorer:" << listed(got) << "\n  Go allows:"
                                     << listed(spec.allowed);
        // The virtual clock explores less than Go's scheduler allows, timers
        // at any step more: virtual <= allowed <= any.
        const bool virtual_clock = spec.scheduler_decides;
        auto other = explorer_outcomes(c_, complete, virtual_clock);
        ASSERT_TRUE(complete) << "the search in the other time mode was cut by a limit";
        const auto& smaller = virtual_clock ? other : got;
        const auto& larger = virtual_clock ? got : other;
        std::string missing;
        for (const auto& o : smaller)
            if (!larger.contains(o)) missing += "\n    " + o;
        EXPECT_TRUE(missing.empty()) << "outcomes on the virtual clock that timers at any step lack:" << missing;
    }

private:
    const registered_case& c_;
};

class threads_test : public ::testing::Test {
public:
    explicit threads_test(const registered_case& c) : c_(c) {}
    void TestBody() override {
        const auto& spec = c_.spec;
        if (spec.race == race_check::racy)
            GTEST_SKIP() << "plain data on real threads races unseen: the tsan preset checks races there";
        const int runs = spec.blocks ? std::min(spec.threads_runs, 5) : spec.threads_runs;
        auto got = threads_outcomes(c_, runs);
        std::string unexpected, seen;
        for (const auto& [o, n] : got) {
            seen += "\n    " + std::to_string(n) + "x " + o;
            if (!spec.allowed.count(o)) unexpected += "\n    " + o;
        }
        if (!spec.threads_known_failing.empty()) {
            ASSERT_FALSE(unexpected.empty()) << "marked known failing but agrees with Go now: remove the mark";
            GTEST_SKIP() << "known failing: " << spec.threads_known_failing << "\n  threads:" << seen;
        }
        EXPECT_TRUE(unexpected.empty()) << spec.rule << "\n  outcomes Go does not allow:" << unexpected
                                        << "\n  threads gave:" << seen;
        if (!spec.uniform) return;
        for (const auto& o : spec.allowed)
            EXPECT_GE(got[o], runs / 2 / static_cast<int>(spec.allowed.size()))
                << "a ready case chosen too rarely: " << o << "\n  threads gave:" << seen;
    }

private:
    const registered_case& c_;
};

void register_tests() {
    for (const auto& c : registered_cases()) {
        ::testing::RegisterTest("Explorer", c.spec.name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                                [&c]() -> ::testing::Test* { return new explorer_test(c); });
        ::testing::RegisterTest("Threads", c.spec.name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                                [&c]() -> ::testing::Test* { return new threads_test(c); });
    }
}

const char* race_name(race_check r) {
    switch (r) {
        case race_check::none: return "none";
        case race_check::racy: return "racy";
        case race_check::race_free: return "race_free";
    }
    return "?";
}

// Line-based, for the Go comparison: "allowed <outcome>" and "explorer
// <outcome>" once per outcome.
int print_case(const std::string& name) {
    for (const auto& c : registered_cases()) {
        if (c.spec.name != name) continue;
        bool complete = false;
        auto got = explorer_outcomes(c, complete);
        std::cout << "case " << name << "\nrace " << race_name(c.spec.race) << "\ncomplete " << complete << "\n";
        if (!c.spec.explore_known_failing.empty())
            std::cout << "explore_known_failing " << c.spec.explore_known_failing << "\n";
        for (const auto& o : c.spec.allowed) std::cout << "allowed " << o << "\n";
        for (const auto& o : got) std::cout << "explorer " << o << "\n";
        return 0;
    }
    std::cerr << "no case named " << name << "\n";
    return 2;
}

}  // namespace
}  // namespace conformance

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
        for (const auto& c : conformance::registered_cases()) std::cout << c.spec.name << "\n";
        return 0;
    }
    if (argc == 3 && std::strcmp(argv[1], "--case") == 0) return conformance::print_case(argv[2]);
    ::testing::InitGoogleTest(&argc, argv);
    conformance::register_tests();
    return RUN_ALL_TESTS();
}
