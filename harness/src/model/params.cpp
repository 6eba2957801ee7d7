// Parsing and validating model parameters: every mistake is one clear line.
#include <chancheck/model.hpp>

#include <charconv>

namespace chancheck {

std::string param_spec::format(long long value) const {
    if (type == param_type::boolean) return value ? "true" : "false";
    return std::to_string(value);
}

std::string param_spec::range() const {
    if (type == param_type::boolean) return "true|false";
    return std::to_string(min) + ".." + std::to_string(max);
}

long long param_values::integer(std::string_view name) const {
    for (const auto& [spec, value] : values_)
        if (spec->name == name) return value;
    throw std::logic_error("model reads undeclared parameter \"" + std::string(name) + "\"");
}

std::string param_values::describe() const {
    std::string out;
    for (const auto& [spec, value] : values_) {
        if (!out.empty()) out += ' ';
        out += spec->name + "=" + spec->format(value);
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> param_values::pairs() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [spec, value] : values_) out.emplace_back(spec->name, spec->format(value));
    return out;
}

const param_spec* model_spec::find(std::string_view param) const {
    for (const auto& p : params)
        if (p.name == param) return &p;
    return nullptr;
}

namespace {

long long parse_value(const model_spec& m, const param_spec& p, std::string_view text) {
    auto bad = [&](const std::string& why) {
        return usage_error("model " + m.name + ": parameter " + p.name + "=" + std::string(text) + ": " + why +
                           " (expected " + p.range() + ")");
    };
    if (p.type == param_type::boolean) {
        if (text == "true" || text == "1") return 1;
        if (text == "false" || text == "0") return 0;
        throw bad("not a boolean");
    }
    long long v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc::result_out_of_range) throw bad("out of range");
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) throw bad("not an integer");
    if (v < p.min || v > p.max) throw bad("out of range");
    return v;
}

}  // namespace

param_values model_spec::parse(const std::vector<std::string>& assignments) const {
    std::vector<long long> values;
    for (const auto& p : params) values.push_back(p.default_value);
    for (const std::string& a : assignments) {
        auto eq = a.find('=');
        if (eq == std::string::npos || eq == 0)
            throw usage_error("model " + name + ": \"" + a + "\" is not name=value");
        std::string key = a.substr(0, eq);
        const param_spec* p = find(key);
        if (!p) {
            std::string known;
            for (const auto& q : params) known += (known.empty() ? "" : ", ") + q.name;
            throw usage_error("model " + name + " has no parameter \"" + key + "\" (it has: " +
                              (known.empty() ? "none" : known) + ")");
        }
        values[static_cast<std::size_t>(p - params.data())] = parse_value(*this, *p, std::string_view(a).substr(eq + 1));
    }
    param_values out;
    for (std::size_t i = 0; i < params.size(); ++i) out.values_.emplace_back(&params[i], values[i]);
    return out;
}

}  // namespace chancheck
