// Where and why a text is not JSON ("line 3, column 14: syntax error ..."), found without exceptions:
// the web build runs with exception catching disabled, so a throwing parse would abort the page.
#pragma once

#include <string>
#include <string_view>

namespace dojo {

// For text that nlohmann::json::parse(..., nullptr, false) discarded.
std::string describe_syntax_error(std::string_view text);

}  // namespace dojo
