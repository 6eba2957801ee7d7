// Choosing a writer by name.
#include <chancheck/reports/report.hpp>

#include <sstream>
#include <stdexcept>

namespace chancheck::reports {

const std::vector<std::string>& format_names() {
    static const std::vector<std::string> names{"text", "json", "junit", "sarif", "html"};
    return names;
}

void write(std::ostream& out, std::span<const check_result> results, const std::string& format,
           const text_options& options) {
    if (format == "junit") return write_junit(out, results);
    if (format == "sarif") return write_sarif(out, results);
    if (format == "html" && results.size() != 1) throw std::invalid_argument("an html report holds one check");
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (format == "text") {
            if (i > 0) out << "\n";
            write_text(out, results[i], options);
        } else if (format == "json") {
            write_json(out, results[i]);
        } else if (format == "html") {
            write_html(out, results[i]);
        } else {
            throw std::invalid_argument("unknown report format \"" + format + "\"");
        }
    }
}

std::string to_string(std::span<const check_result> results, const std::string& format) {
    std::ostringstream o;
    write(o, results, format);
    return o.str();
}

}  // namespace chancheck::reports
