// describe_syntax_error: nlohmann's SAX parser reports the first error with its byte offset.
#include "common/json_syntax.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace dojo {

namespace {

using json = nlohmann::json;

// Records why the text is not JSON, with the byte offset nlohmann reports, without exceptions
// (the web build may run with exception catching disabled).
class SyntaxErrorCatcher : public nlohmann::json_sax<json> {
public:
    std::size_t position = 0;
    std::string message;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t at, const std::string&, const nlohmann::detail::exception& ex) override {
        position = at;
        message = ex.what();
        return false;
    }
};

}  // namespace

std::string describe_syntax_error(std::string_view text) {
    SyntaxErrorCatcher catcher;
    json::sax_parse(text.begin(), text.end(), &catcher);
    // nlohmann's position counts the bytes read, the offending one included.
    const std::size_t offset = std::min(catcher.position > 0 ? catcher.position - 1 : 0, text.size());
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    const std::size_t column = offset - line_start + 1;
    // Keep nlohmann's reason, without its "[json.exception...] parse error at line L, column C: " prefix.
    std::string reason = catcher.message.empty() ? "not valid JSON" : catcher.message;
    if (const auto at = reason.find("column "); at != std::string::npos) {
        if (const auto colon = reason.find(": ", at); colon != std::string::npos) reason.erase(0, colon + 2);
    } else if (const auto bracket = reason.find("] "); bracket != std::string::npos) {
        reason.erase(0, bracket + 2);
    }
    std::string out = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + reason;
    if (catcher.position > text.size()) out += " (the file ends early: it may have been cut off while being saved)";
    return out;
}

}  // namespace dojo
