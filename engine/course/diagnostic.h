// A problem found in a lesson file, reported the way compilers do: `path:line:col: error: msg`,
// so editors can jump to it and authors can act on it.
#pragma once

#include <string>

namespace dojo {

struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string path;
    int line = 0;    // 1-based; 0 when the problem concerns the whole file
    int column = 0;  // 1-based; 0 when unknown
    std::string message;

    std::string to_string() const;
};

}  // namespace dojo
