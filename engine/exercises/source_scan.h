// Small scanners over C-like kernel source (GLSL, CUDA), shared by the step budget (kernel_source)
// and the traced run's rewriting (trace_source): both leave comments and strings alone.
#pragma once

#include <cctype>
#include <string_view>

namespace dojo::source_scan {

inline bool ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// One past a comment or string starting at `i`, or `i` when none starts there.
inline std::size_t skip_comment_or_string(std::string_view s, std::size_t i) {
    if (s.compare(i, 2, "//") == 0) {
        const std::size_t e = s.find('\n', i);
        return e == std::string_view::npos ? s.size() : e;
    }
    if (s.compare(i, 2, "/*") == 0) {
        const std::size_t e = s.find("*/", i + 2);
        return e == std::string_view::npos ? s.size() : e + 2;
    }
    if (s[i] == '"' || s[i] == '\'') {
        const char q = s[i];
        std::size_t j = i + 1;
        while (j < s.size() && s[j] != q && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
        return j + 1 < s.size() ? j + 1 : s.size();
    }
    return i;
}

inline std::size_t skip_space(std::string_view s, std::size_t i) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return i;
}

}  // namespace dojo::source_scan
