// Where a command's results go: the report format on stdout or into a file
// (-o, written atomically), a directory of reports for --all, and the live
// progress line on stderr.
#include "commands.hpp"

#include <chancheck/reports/report.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace chancheck::cli {

namespace {

const char* extension(const std::string& format) {
    if (format == "text") return ".txt";
    if (format == "junit") return ".xml";
    return format == "sarif" ? ".sarif" : format == "html" ? ".html" : ".json";
}

// One file name per result: the model (its group prefix, "gallery/...",
// flattened), and where a model was checked more than once (a gallery bug
// and its fix), the parameters that tell those checks apart.
std::vector<std::string> file_stems(const std::vector<check_result>& results) {
    std::vector<std::string> stems;
    for (const auto& r : results) {
        std::string stem = r.model;
        for (const auto& other : results) {
            if (&other == &r || other.model != r.model) continue;
            for (std::size_t k = 0; k < r.params.size() && k < other.params.size(); ++k)
                if (r.params[k] != other.params[k] && stem.find("." + r.params[k].first + "=") == std::string::npos)
                    stem += "." + r.params[k].first + "=" + r.params[k].second;
        }
        for (char& c : stem)
            if (c == '/') c = '.';
        stems.push_back(std::move(stem));
    }
    return stems;
}


}  // namespace

std::string clock_text(double seconds) {
    const auto s = static_cast<long long>(seconds);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
    return buf;
}

void add_report_options(CLI::App* cmd, report_settings& s, bool several) {
    s.format_option = cmd->add_option("--format", s.format, "Report format: text (for people), json (for tools, and replay --report), "
                                          "junit (CI test reporters), sarif (code scanning), html (a sequence chart)")
        ->check(CLI::IsMember(reports::format_names()))
        ->capture_default_str();
    cmd->add_option("-o,--output", s.output,
                    several ? "Write the report to this file, atomically; with --all a directory: one report per "
                              "model (json unless --format says otherwise) and junit.xml for them all"
                            : "Write the report to this file, atomically (stdout still gets the text report)");
    cmd->add_flag("-q,--quiet", s.quiet, "No live progress line on stderr (it is shown only on a terminal)");
}

void emit_report(const check_result& r, const report_settings& s) {
    const reports::text_options text{.color = colour_stdout()};
    if (s.output.empty()) return reports::write(std::cout, {&r, 1}, s.format, text);
    reports::write_file_atomically(s.output, reports::to_string(r, s.format));
    reports::write_text(std::cout, r, text);
}

void check_all_output(const report_settings& s) {
    if (s.format == "html" && s.output.empty()) throw usage_error("--all --format html: one page per model needs -o DIR");
}

void emit_progress(const check_result& r, const report_settings& s, bool first) {
    // With a directory the files hold the reports; the terminal gets text.
    const bool to_dir = !s.output.empty();
    if (to_dir || s.format == "text") {
        if (!first) std::cout << "\n";
        reports::write_text(std::cout, r, {.color = colour_stdout()});
    } else if (s.format == "json") {
        reports::write_json(std::cout, r);
    }
    std::cout.flush();
}

void emit_all(const std::vector<check_result>& results, const report_settings& s) {
    if (s.output.empty()) {
        // text and json went out as each check finished; these hold them all.
        if (s.format == "junit" || s.format == "sarif") reports::write(std::cout, results, s.format);
        return;
    }
    const std::filesystem::path dir(s.output);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir))
        throw std::runtime_error("cannot make the report directory " + s.output + ": " + ec.message());
    const std::string format = s.format_given() ? s.format : "json";
    const std::vector<std::string> stems = file_stems(results);
    for (std::size_t i = 0; i < results.size(); ++i)
        reports::write_file_atomically((dir / (stems[i] + extension(format))).string(),
                                       reports::to_string(results[i], format));
    reports::write_file_atomically((dir / "junit.xml").string(), reports::to_string(results, "junit"));
}

progress_line::progress_line(std::string label, const report_settings& s)
    : label_(std::move(label)), on_(!s.quiet && ::isatty(2)) {}

progress_line::~progress_line() {
    if (shown_) std::fputs("\r\033[K", stderr);
}

std::function<void(const search_progress&)> progress_line::callback() {
    if (!on_) return {};
    return [this](const search_progress& p) { show(p); };
}

void progress_line::show(const search_progress& p) {
    char line[256];
    const double rate = p.seconds > 0 ? static_cast<double>(p.executions) / p.seconds : 0;
    int n = std::snprintf(line, sizeof line, "%s: %llu executions (%.0f/s), %s, depth %zu", label_.c_str(),
                          static_cast<unsigned long long>(p.executions), rate, clock_text(p.seconds).c_str(), p.depth);
    // Below a thousandth done, a time left would be noise.
    if (p.fraction_done >= 0.001 && n > 0 && static_cast<std::size_t>(n) < sizeof line)
        std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), ", %.1f%% done, about %s left",
                      100 * p.fraction_done, clock_text(p.seconds * (1 - p.fraction_done) / p.fraction_done).c_str());
    else if (p.fraction_done >= 0 && n > 0 && static_cast<std::size_t>(n) < sizeof line)
        std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), ", under 0.1%% done");
    std::fprintf(stderr, "\r\033[K%s", line);
    std::fflush(stderr);
    shown_ = true;
}

int worst_exit_code(const std::vector<check_result>& results) {
    int worst = 0;
    for (const auto& r : results) {
        const expectation e = judge(r);
        const int code = e == expectation::met ? 0 : e == expectation::cut ? 3 : 1;
        if (code == 1 || (code == 3 && worst == 0)) worst = code;
    }
    return worst;
}

}  // namespace chancheck::cli
