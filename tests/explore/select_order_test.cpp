// The explorer runs the pattern's select({...}) too: its operands are
// evaluated in source order in every execution.
#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>
#include <chancheck/explore/explorer.hpp>

#include <gtest/gtest.h>

#include "../conformance/select_order.hpp"

namespace chancheck {
namespace {

void expect_proved(void (*program)()) {
    check_result r = run_explorer(program, explore_options{});
    EXPECT_EQ(r.outcome, verdict::proved) << (r.cx ? r.cx->message : std::string("no counterexample"));
}

TEST(ExplorerSelectOrder, OperandsAreEvaluatedLeftToRight) {
    expect_proved(select_order::operands_left_to_right<explore>);
}

TEST(ExplorerSelectOrder, ChannelIsReadWhereItsCaseIsWritten) {
    expect_proved(select_order::channel_read_where_written<explore>);
}

}  // namespace
}  // namespace chancheck
