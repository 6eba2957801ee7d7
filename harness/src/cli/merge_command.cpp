// chancheck merge: the reports of a search split across processes (check
// --shard I/N) joined into one verdict. Proved only when every part of one
// search (same model, parameters, strategy and build, split the same way)
// is present and was searched to its end; a counterexample from any part
// stands for the whole (it replays on one machine); anything else is bounded,
// saying which parts are missing or were cut.
#include "commands.hpp"

#include <chancheck/reports/report.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

namespace chancheck::cli {

namespace {

struct merge_settings {
    std::vector<std::string> reports;
    report_settings out;
};

check_result read_part(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw usage_error("merge: cannot read " + path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    check_result r;
    try {
        r = reports::read_json(text);
    } catch (const std::exception& e) {
        throw usage_error("merge: " + path + ": " + e.what());
    }
    if (!r.shard) throw usage_error("merge: " + path + " is not the report of a shard (check --shard I/N --format json)");
    return r;
}

// Everything that must agree for two parts to be parts of one search.
void same_search(const check_result& a, const check_result& b, const std::string& a_path, const std::string& b_path) {
    auto differ = [&](const std::string& what, const std::string& x, const std::string& y) {
        throw usage_error("merge: " + a_path + " and " + b_path + " are not parts of one search: " + what + " \"" + x +
                          "\" / \"" + y + "\"");
    };
    auto params = [](const check_result& r) {
        std::string s;
        for (const auto& [k, v] : r.params) s += (s.empty() ? "" : " ") + k + "=" + v;
        return s;
    };
    if (a.model != b.model) differ("model", a.model, b.model);
    if (params(a) != params(b)) differ("parameters", params(a), params(b));
    if (a.backend != b.backend) differ("backend", a.backend, b.backend);
    if (a.strategy != b.strategy) differ("strategy", a.strategy, b.strategy);
    if (a.max_steps != b.max_steps) differ("step limit", std::to_string(a.max_steps), std::to_string(b.max_steps));
    if (a.build != b.build) differ("build", a.build, b.build);
    if (a.shard->count != b.shard->count)
        differ("shard count", std::to_string(a.shard->count), std::to_string(b.shard->count));
    if (a.shard->split_depth != b.shard->split_depth)
        differ("split depth", std::to_string(a.shard->split_depth), std::to_string(b.shard->split_depth));
}

bool is_shard_cut(const std::string& cut) { return cut.starts_with("shard "); }

}  // namespace

check_result merge_parts(const std::vector<std::string>& paths) {
    if (paths.empty()) throw usage_error("merge: which reports? (the JSON reports of check --shard I/N)");
    std::map<std::uint64_t, std::pair<std::string, check_result>> parts;
    for (const std::string& path : paths) {
        check_result r = read_part(path);
        if (!parts.empty()) same_search(parts.begin()->second.second, r, parts.begin()->second.first, path);
        const std::uint64_t index = r.shard->index;
        if (auto it = parts.find(index); it != parts.end())
            throw usage_error("merge: " + it->second.first + " and " + path + " are both shard " +
                              std::to_string(index));
        parts.emplace(index, std::pair(path, std::move(r)));
    }
    const check_result& first = parts.begin()->second.second;
    check_result m;
    m.model = first.model;
    m.params = first.params;
    m.backend = first.backend;
    m.program = first.program;
    m.strategy = first.strategy;
    m.max_steps = first.max_steps;
    m.properties = first.properties;
    m.build = first.build;
    bool all_searched = true;
    std::string missing;
    for (std::uint64_t i = 0; i < first.shard->count; ++i)
        if (!parts.contains(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i);
    for (auto& [index, part] : parts) {
        check_result& r = part.second;
        m.stats.executions += r.stats.executions;
        m.stats.abandoned += r.stats.abandoned;
        m.stats.events += r.stats.events;
        m.stats.seconds = std::max(m.stats.seconds, r.stats.seconds);  // the parts ran side by side
        m.stats.max_depth = std::max(m.stats.max_depth, r.stats.max_depth);
        m.stats.goroutines_started += r.stats.goroutines_started;
        if (!m.cx && r.cx) m.cx = std::move(r.cx);
        all_searched &= r.shard->searched;
        for (const std::string& c : r.cuts)
            if (!is_shard_cut(c) && std::find(m.cuts.begin(), m.cuts.end(), c) == m.cuts.end()) m.cuts.push_back(c);
        if (!r.shard->searched && r.cuts.size() == 1 && !r.cx)
            m.cuts.push_back("shard " + std::to_string(index) + " was not searched to its end");
        for (const std::string& w : r.warnings)
            if (std::find(m.warnings.begin(), m.warnings.end(), w) == m.warnings.end()) m.warnings.push_back(w);
    }
    if (!missing.empty()) m.cuts.push_back("shards missing: " + missing + " of " + std::to_string(first.shard->count));
    if (m.cx) m.outcome = verdict::counterexample;
    else m.outcome = all_searched && missing.empty() && m.cuts.empty() ? verdict::proved : verdict::bounded;
    return m;
}

action add_merge_command(CLI::App& app) {
    auto s = std::make_shared<merge_settings>();
    CLI::App* cmd = app.add_subcommand("merge", "Join the JSON reports of the shards of one check into one verdict");
    cmd->add_option("reports", s->reports, "The shards' reports (check --shard I/N --format json -o FILE)");
    add_report_options(cmd, s->out, false);
    cmd->footer(
        "proved only when every shard of one search (same model, parameters, strategy and build) is\n"
        "present and was searched to its end; a counterexample from any shard is the verdict;\n"
        "otherwise bounded, naming the missing or cut shards. Exit code as for check.\n"
        "Example:\n"
        "  for i in 0 1 2 3; do chancheck check shared-channels -p requesters=9 --shard $i/4 \\\n"
        "      --format json -o part-$i.json & done; wait\n"
        "  chancheck merge part-*.json");
    return [s] {
        check_result r = merge_parts(s->reports);
        emit_report(r, s->out);
        return exit_code(r);
    };
}

}  // namespace chancheck::cli
