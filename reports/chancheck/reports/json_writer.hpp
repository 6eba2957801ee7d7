// A small streaming JSON writer: every JSON chancheck prints goes through it,
// so escaping and layout are decided in one place.
//
//   json_writer w(std::cout);
//   w.begin_object();
//   w.key("model"); w.value("shared-channels");
//   w.key("params"); w.begin_object(); w.key("requesters"); w.value(3); w.end_object();
//   w.end_object();
#pragma once

#include <cstdint>
#include <cstdio>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace chancheck::reports {

class json_writer {
public:
    explicit json_writer(std::ostream& out) : out_(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    void key(std::string_view k) {
        separate();
        string(k);
        out_ << ':';
        after_key_ = true;
    }
    void value(std::string_view s) {
        separate();
        string(s);
    }
    void value(const char* s) { value(std::string_view(s)); }
    void value(const std::string& s) { value(std::string_view(s)); }
    void value(bool b) {
        separate();
        out_ << (b ? "true" : "false");
    }
    void value(long long v) {
        separate();
        out_ << v;
    }
    void value(int v) { value(static_cast<long long>(v)); }
    void value(long v) { value(static_cast<long long>(v)); }
    void value(unsigned long v) {
        separate();
        out_ << v;
    }
    void value(unsigned long long v) {
        separate();
        out_ << v;
    }
    void value(double v) {
        separate();
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6g", v);
        out_ << buf;
    }
    void null() {
        separate();
        out_ << "null";
    }
    // key(k) then value(v): most of what a report writes.
    template <class V>
    void field(std::string_view k, const V& v) {
        key(k);
        value(v);
    }
    // key(k) then an object of the (name, value) pairs in `members`.
    template <class Pairs>
    void object_field(std::string_view k, const Pairs& members) {
        key(k);
        begin_object();
        for (const auto& [name, v] : members) field(name, v);
        end_object();
    }
    // key(k) then an array of the values in `items`.
    template <class Range>
    void array_field(std::string_view k, const Range& items) {
        key(k);
        begin_array();
        for (const auto& v : items) value(v);
        end_array();
    }

private:
    void open(char c) {
        separate();
        out_ << c;
        first_.push_back(true);
    }
    void close(char c) {
        first_.pop_back();
        out_ << c;
    }
    void separate() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!first_.empty()) {
            if (!first_.back()) out_ << ',';
            first_.back() = false;
        }
    }
    void string(std::string_view s) {
        out_ << '"';
        for (unsigned char c : s) {
            switch (c) {
                case '"': out_ << "\\\""; break;
                case '\\': out_ << "\\\\"; break;
                case '\n': out_ << "\\n"; break;
                case '\r': out_ << "\\r"; break;
                case '\t': out_ << "\\t"; break;
                default:
                    if (c < 0x20) {
                        char buf[8];
                        std::snprintf(buf, sizeof buf, "\\u%04x", c);
                        out_ << buf;
                    } else {
                        out_ << c;
                    }
            }
        }
        out_ << '"';
    }

    std::ostream& out_;
    std::vector<bool> first_;
    bool after_key_ = false;
};

}  // namespace chancheck::reports
