// Escaping text for XML and HTML: the JUnit and HTML writers put
// model-chosen names (goroutines, channels, values) into markup.
//
//   out << "<testcase name=\"" << escape_markup(r.model) << "\">";
#pragma once

#include <string>
#include <string_view>

namespace chancheck::reports {

// Escapes & < > " ' and drops control characters XML 1.0 cannot carry.
inline std::string escape_markup(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') break;
                out += c;
        }
    }
    return out;
}

}  // namespace chancheck::reports
