// The JSON writer and reader: what one writes, the other reads back.
#include <chancheck/reports/json_reader.hpp>
#include <chancheck/reports/json_writer.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace chancheck::reports {
namespace {

TEST(Json, WhatTheWriterWritesTheReaderReads) {
    std::ostringstream out;
    json_writer w(out);
    w.begin_object();
    w.key("schedule");
    w.value("0,2>1,3.d");
    w.key("message");
    w.value("quote \" backslash \\ newline \n tab \t bell \x07");
    w.key("n");
    w.value(42);
    w.key("ok");
    w.value(true);
    w.key("list");
    w.begin_array();
    w.value(1);
    w.null();
    w.end_array();
    w.end_object();
    json_value v = parse_json(out.str());
    EXPECT_EQ(v["schedule"].text, "0,2>1,3.d");
    EXPECT_EQ(v["message"].text, "quote \" backslash \\ newline \n tab \t bell \x07");
    EXPECT_EQ(v["n"].text, "42");
    EXPECT_EQ(v["ok"].text, "true");
    ASSERT_EQ(v["list"].items.size(), 2u);
    EXPECT_EQ(v["list"].items[1].type, json_value::kind::null);
    EXPECT_EQ(v["missing"]["deeper"].type, json_value::kind::null);
}

TEST(Json, MalformedInputIsAnErrorNotACrash) {
    for (const char* bad : {"", "{", "{\"a\":}", "[1,]", "\"unterminated", "{\"a\":1} x", "tru", "{1:2}", "\"\\u12\""})
        EXPECT_THROW(parse_json(bad), std::invalid_argument) << bad;
}

}  // namespace
}  // namespace chancheck::reports
