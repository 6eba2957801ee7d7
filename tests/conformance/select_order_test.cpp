// select({...}): operands evaluated in source order, and the braced list behaving as the argument form does.
#include "programs.hpp"
#include "select_order.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/threads/threads.hpp>

#include <gtest/gtest.h>

#include <array>
#include <stdexcept>
#include <string>
#include <utility>

namespace conformance {
namespace {

void expect_go_order(void (*program)()) {
    auto r = S::run(program);
    EXPECT_TRUE(r.ok()) << r.describe();
}

TEST(SelectOrder, OperandsAreEvaluatedLeftToRight) { expect_go_order(select_order::operands_left_to_right<S>); }

TEST(SelectOrder, ChannelIsReadWhereItsCaseIsWritten) {
    expect_go_order(select_order::channel_read_where_written<S>);
}

TEST(SelectOrder, ListRunsTheHandlerOfTheCaseTakenWithValueAndOk) {
    int first = -1, second = -1, value = 0, zero = -1;
    bool ok = true, other_ran = false;
    expect_completes([&] {
        auto idle = cc::make_chan<int, S>(0, "idle");
        auto closed = cc::make_chan<int, S>(0, "closed");
        closed.close();
        auto ready = cc::make_chan<int, S>(1, "ready");
        ready.send(4);
        first = cc::select({cc::on_recv{idle, [&] { other_ran = true; }}, cc::on_recv{ready, [&](int v) { value = v; }},
                            cc::on_default([&] { other_ran = true; })});
        second = cc::select({cc::on_default([&] { other_ran = true; }), cc::on_recv{closed, [&](int v, bool got) {
                                                                            zero = v;
                                                                            ok = got;
                                                                        }}});
    });
    EXPECT_EQ(first, 1);
    EXPECT_EQ(value, 4);
    EXPECT_EQ(second, 1);
    EXPECT_EQ(zero, 0);
    EXPECT_FALSE(ok);
    EXPECT_FALSE(other_ran);
}

TEST(SelectOrder, ListOfOnlyADefaultRunsIt) {
    bool ran = false;
    EXPECT_EQ(cc::select({cc::on_default([&] { ran = true; })}), 0);
    EXPECT_TRUE(ran);
}

// Past the cases a select describes on its stack.
TEST(SelectOrder, ListOfManyCasesTakesTheOneReady) {
    int fired = -1, value = 0;
    expect_completes([&] {
        std::array<cc::chan<int, S>, 12> idle;
        for (auto& c : idle) c = cc::make_chan<int, S>(0);
        auto ready = cc::make_chan<int, S>(1, "ready");
        ready.send(9);
        auto h = [&](int v) { value = v; };
        fired = cc::select({cc::on_recv{idle[0], h}, cc::on_recv{idle[1], h}, cc::on_recv{idle[2], h},
                            cc::on_recv{idle[3], h}, cc::on_recv{idle[4], h}, cc::on_recv{idle[5], h},
                            cc::on_recv{idle[6], h}, cc::on_recv{idle[7], h}, cc::on_recv{idle[8], h},
                            cc::on_recv{idle[9], h}, cc::on_recv{idle[10], h}, cc::on_recv{ready, h},
                            cc::on_send{idle[11], 1}});
    });
    EXPECT_EQ(fired, 11);
    EXPECT_EQ(value, 9);
}

// Go rejects these at compile time; a braced list's cases are only known at
// run time.
TEST(SelectOrder, ListWithTwoDefaultsIsRejected) {
    auto c = cc::make_chan<int, S>(0, "c");
    EXPECT_THROW(cc::select({cc::on_recv{c}, cc::on_default(), cc::on_default()}), std::invalid_argument);
    EXPECT_THROW(cc::select({cc::on_default(), cc::on_default()}), std::invalid_argument);
    EXPECT_EQ(c.len(), 0u);
}

}  // namespace
}  // namespace conformance
