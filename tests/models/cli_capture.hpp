// Runs the command line in-process and captures what it prints.
#pragma once

#include <chancheck/cli.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chancheck {

struct outcome {
    int code;
    std::string out;
    std::string err;
};

inline outcome cli(std::vector<std::string> args) {
    args.insert(args.begin(), "chancheck");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    testing::internal::CaptureStdout();
    testing::internal::CaptureStderr();
    int code = cli_main(static_cast<int>(argv.size()), argv.data());
    std::string out = testing::internal::GetCapturedStdout();
    return {code, out, testing::internal::GetCapturedStderr()};
}

}  // namespace chancheck
