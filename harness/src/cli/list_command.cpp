// `chancheck list`: every registered model, its parameters and properties.
#include "commands.hpp"

#include <chancheck/model.hpp>
#include <chancheck/reports/json_writer.hpp>

#include <iostream>
#include <memory>

namespace chancheck::cli {

namespace {

void print_text(std::ostream& out) {
    for (const model* m : registry::instance().all()) {
        const model_spec& s = m->spec();
        out << s.name << "\n    " << s.description << "\n";
        for (const auto& p : s.params)
            out << "    -p " << p.name << "=" << p.format(p.default_value) << "  ("
                << (p.type == param_type::boolean ? "bool" : "int") << ", " << p.range() << ") " << p.help << "\n";
        out << "    properties:";
        for (const auto& prop : s.properties) out << " " << prop;
        out << "\n\n";
    }
}

void print_json(std::ostream& out) {
    reports::json_writer w(out);
    w.begin_array();
    for (const model* m : registry::instance().all()) {
        const model_spec& s = m->spec();
        w.begin_object();
        w.field("name", s.name);
        w.field("description", s.description);
        w.key("params");
        w.begin_array();
        for (const auto& p : s.params) {
            const bool b = p.type == param_type::boolean;
            w.begin_object();
            w.field("name", p.name);
            w.field("type", b ? "bool" : "int");
            w.key("default");
            if (b) w.value(p.default_value != 0);
            else w.value(p.default_value);
            if (!b) {
                w.field("min", p.min);
                w.field("max", p.max);
            }
            w.field("help", p.help);
            w.end_object();
        }
        w.end_array();
        w.key("properties");
        w.begin_array();
        for (const auto& prop : s.properties) w.value(prop);
        w.end_array();
        w.end_object();
    }
    w.end_array();
    out << "\n";
}

}  // namespace

action add_list_command(CLI::App& app) {
    auto format = std::make_shared<std::string>("text");
    CLI::App* cmd = app.add_subcommand("list", "List every model with its description, parameters and properties");
    cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->footer("Examples:\n  chancheck list\n  chancheck list --format json");
    return [format] {
        if (*format == "json") print_json(std::cout);
        else print_text(std::cout);
        return 0;
    };
}

}  // namespace chancheck::cli
