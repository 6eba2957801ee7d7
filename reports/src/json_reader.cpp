// A small recursive-descent JSON parser (RFC 8259), strict about syntax.
#include <chancheck/reports/json_reader.hpp>

#include <cctype>

namespace chancheck::reports {

const json_value& json_value::operator[](std::string_view key) const {
    static const json_value null_value;
    for (const auto& [k, v] : members)
        if (k == key) return v;
    return null_value;
}

namespace {

class parser {
public:
    explicit parser(std::string_view t) : t_(t) {}

    json_value document() {
        json_value v = value();
        space();
        if (i_ != t_.size()) fail("trailing characters");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& why) {
        throw std::invalid_argument("JSON: " + why + " at offset " + std::to_string(i_));
    }
    void space() {
        while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
    }
    bool eat(char c) {
        space();
        if (i_ < t_.size() && t_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!eat(c)) fail(std::string("expected '") + c + "'");
    }
    bool word(std::string_view w) {
        if (t_.substr(i_, w.size()) != w) return false;
        i_ += w.size();
        return true;
    }

    json_value value() {
        space();
        if (i_ >= t_.size()) fail("unexpected end");
        json_value v;
        const char c = t_[i_];
        if (c == '{') {
            ++i_;
            v.type = json_value::kind::object;
            if (eat('}')) return v;
            do {
                space();
                std::string k = string();
                expect(':');
                v.members.emplace_back(std::move(k), value());
            } while (eat(','));
            expect('}');
        } else if (c == '[') {
            ++i_;
            v.type = json_value::kind::array;
            if (eat(']')) return v;
            do v.items.push_back(value());
            while (eat(','));
            expect(']');
        } else if (c == '"') {
            v.type = json_value::kind::string;
            v.text = string();
        } else if (word("true") || word("false")) {
            v.type = json_value::kind::boolean;
            v.text = t_[i_ - 1] == 'e' && t_.substr(i_ - 4, 4) == "true" ? "true" : "false";
        } else if (word("null")) {
            v.type = json_value::kind::null;
        } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
            const std::size_t start = i_++;
            while (i_ < t_.size() && (std::isdigit(static_cast<unsigned char>(t_[i_])) ||
                                      std::string_view(".eE+-").find(t_[i_]) != std::string_view::npos))
                ++i_;
            v.type = json_value::kind::number;
            v.text = std::string(t_.substr(start, i_ - start));
        } else {
            fail("unexpected character");
        }
        return v;
    }

    std::string string() {
        if (i_ >= t_.size() || t_[i_] != '"') fail("expected a string");
        ++i_;
        std::string out;
        while (i_ < t_.size() && t_[i_] != '"') {
            char c = t_[i_++];
            if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i_ >= t_.size()) fail("unfinished escape");
            c = t_[i_++];
            switch (c) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    if (i_ + 4 > t_.size()) fail("short \\u escape");
                    unsigned cp = std::stoul(std::string(t_.substr(i_, 4)), nullptr, 16);
                    i_ += 4;
                    // Reports only escape control characters; encode as UTF-8.
                    if (cp < 0x80) out += static_cast<char>(cp);
                    else if (cp < 0x800) {
                        out += static_cast<char>(0xC0 | (cp >> 6));
                        out += static_cast<char>(0x80 | (cp & 0x3F));
                    } else {
                        out += static_cast<char>(0xE0 | (cp >> 12));
                        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                        out += static_cast<char>(0x80 | (cp & 0x3F));
                    }
                    break;
                }
                default: fail("bad escape");
            }
        }
        if (i_ >= t_.size()) fail("unterminated string");
        ++i_;
        return out;
    }

    std::string_view t_;
    std::size_t i_ = 0;
};

}  // namespace

json_value parse_json(std::string_view text) { return parser(text).document(); }

}  // namespace chancheck::reports
