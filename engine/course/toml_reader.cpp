// The course parser's TOML layer (toml_reader.h): toml++ behind a small interface, the check for text
// toml++ 3.3 cannot safely read, and typed fields reported at their positions. The only file that
// includes toml++.
#include "course/toml_reader.h"

#include <algorithm>
#include <cmath>
#include <utility>

// toml++ 3.3 asserts, and under NDEBUG lets the optimizer assume, parser states that malformed TOML can reach
// (`[!x]`, `a = [ }`, found by the fuzzer): an abort in a debug build, undefined behaviour in a release one.
// Without those checks its parser reports such input as the syntax error it is, so they are compiled out:
// TOML_ASSERT is a no-op, and NDEBUG is hidden while toml++ is read so that TOML_ASSERT_ASSUME falls back to
// TOML_ASSERT rather than to TOML_ASSUME. Only this file includes toml++, so every build sees one definition.
#pragma push_macro("NDEBUG")
#undef NDEBUG
#define TOML_ASSERT(expr) static_assert(true)
#include <toml++/toml.h>
#pragma pop_macro("NDEBUG")

namespace dojo::detail {

namespace {

// toml++ 3.3's Unicode whitespace table has holes: for U+00A1..U+0499 and U+2E3E..U+3237 it reaches
// __builtin_unreachable() (undefined behaviour; toml++ issues #190 and #295, found here by the fuzzer). It puts
// that question to every character outside strings, in keys, and after a backslash in a multi-line string,
// so a non-ASCII character there is reported before toml++ reads the text (outside strings, and in our keys,
// it is invalid anyway). Returns the byte offset of the character, or npos, and says why.
std::size_t find_toml_hazard(std::string_view s, std::string& why) {
    auto non_ascii = [](char c) { return static_cast<unsigned char>(c) >= 0x80; };
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    int depth = 0;           // arrays and inline tables open in a value
    bool line_start = true;  // only blanks so far on this line
    bool header = false;     // this line is a table header: its strings are keys
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (non_ascii(c)) {
            why = "a non-ASCII character outside a string (text goes in quotes)";
            return i;
        }
        if (blank(c)) {
            if (c == '\n') {
                line_start = true;
                header = false;
            }
            ++i;
        } else if (c == '#') {
            i = std::min(s.find('\n', i), s.size());
        } else if (c == '"' || c == '\'') {
            const bool multi = s.substr(i, 3) == std::string_view(c == '"' ? R"(""")" : "'''");
            const std::string_view quotes = s.substr(i, multi ? 3 : 1);
            std::size_t j = i + quotes.size(), first_non_ascii = std::string_view::npos;
            for (; j < s.size(); ++j) {
                if (non_ascii(s[j]) && first_non_ascii == std::string_view::npos) first_non_ascii = j;
                if (c == '"' && s[j] == '\\') {
                    // toml++ asks whether the escaped character is whitespace, and after a line-ending backslash
                    // asks it of each character up to the first non-blank one.
                    std::size_t k = j + 1;
                    while (multi && k < s.size() && blank(s[k])) ++k;
                    if (multi && k < s.size() && non_ascii(s[k])) {
                        why = "a non-ASCII character after a backslash in a multi-line string; escape it as \\uXXXX";
                        return k;
                    }
                    ++j;  // the escaped character
                } else if (!multi && s[j] == '\n') {
                    break;                                                       // an unclosed one-line string ends with its line
                } else if (s[j] == c && s.substr(j, quotes.size()) == quotes) {  // first byte first: no memcmp per byte
                    j += quotes.size();
                    for (int extra = 0; multi && extra < 2 && j < s.size() && s[j] == c; ++extra) ++j;  // `""""` ends `"`
                    break;
                }
            }
            i = std::min(j, s.size());
            std::size_t next = i;
            while (next < s.size() && (s[next] == ' ' || s[next] == '\t')) ++next;
            const bool key = header || (next < s.size() && (s[next] == '=' || s[next] == '.'));
            if (key && first_non_ascii != std::string_view::npos) {
                why = "a key must be plain ASCII";
                return first_non_ascii;
            }
            line_start = false;
        } else {
            if (c == '[' && depth == 0 && line_start) header = true;
            if (!header && (c == '[' || c == '{')) ++depth;
            if (!header && (c == ']' || c == '}') && depth > 0) --depth;
            line_start = false;
            ++i;
        }
    }
    return std::string_view::npos;
}

}  // namespace

// ---- Documents -----------------------------------------------------------------------------------

struct TomlDocument::Impl {
    toml::table table;
};

TomlDocument::TomlDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TomlDocument::TomlDocument(TomlDocument&&) noexcept = default;
TomlDocument& TomlDocument::operator=(TomlDocument&&) noexcept = default;
TomlDocument::~TomlDocument() = default;
TomlTable TomlDocument::root() const {
    return TomlTable(&impl_->table);
}

std::optional<TomlDocument> parse_toml(std::string_view text, const ParseContext& ctx, int first_line, const std::string& what) {
    std::string why;
    if (const std::size_t bad = find_toml_hazard(text, why); bad != std::string_view::npos) {
        const LineMap lines(text);
        ctx.error(first_line - 1 + lines.line(bad), lines.column(bad), what + "invalid TOML: " + why);
        return std::nullopt;
    }
    // No source path: toml++ would keep a shared_ptr to it in every node (a refcount per node); our
    // messages name the file themselves and need only the line and column.
    toml::parse_result parsed = toml::parse(text);
    if (!parsed) {
        const auto& err = parsed.error();
        ctx.error(first_line - 1 + static_cast<int>(err.source().begin.line), static_cast<int>(err.source().begin.column),
                  what + "invalid TOML: " + std::string(err.description()));
        return std::nullopt;
    }
    return TomlDocument(std::make_unique<TomlDocument::Impl>(TomlDocument::Impl{std::move(parsed).table()}));
}

// ---- Typed fields with positions -----------------------------------------------------------------

namespace {

const toml::table& as_table(const void* table) {
    return *static_cast<const toml::table*>(table);
}

int node_line(int offset, const toml::node& n) {
    return offset + static_cast<int>(n.source().begin.line);
}
int node_column(const toml::node& n) {
    return static_cast<int>(n.source().begin.column);
}

// The value under `key`, reporting it missing when required.
const toml::node* get(const TomlFields& f, const toml::table& table, std::string_view key, bool required) {
    const toml::node* n = table.get(key);
    if (!n && required) f.error_here("missing required key '" + std::string(key) + "'");
    return n;
}

}  // namespace

TomlFields::TomlFields(TomlTable table, const ParseContext& ctx, int line_offset, std::string what)
    : table_(table.table_), ctx_(ctx), offset_(line_offset), what_(std::move(what)) {}

bool TomlFields::has(std::string_view key) const {
    return as_table(table_).get(key) != nullptr;
}

int TomlFields::line_of(std::string_view key) const {
    const toml::node* n = as_table(table_).get(key);
    return n ? node_line(offset_, *n) : table_line();
}

int TomlFields::own_line() const {
    return node_line(offset_, as_table(table_));
}
int TomlFields::own_column() const {
    return node_column(as_table(table_));
}

int TomlFields::table_line() const {
    const toml::table& table = as_table(table_);
    return table.source().begin.line > 0 ? node_line(offset_, table) : offset_ + 1;
}

void TomlFields::error_at(std::string_view key, const std::string& msg) const {
    if (const toml::node* n = as_table(table_).get(key))
        ctx_.error(node_line(offset_, *n), node_column(*n), what_ + msg);
    else
        error_here(msg);
}

void TomlFields::error_here(const std::string& msg) const {
    ctx_.error(table_line(), 1, what_ + msg);
}

std::string TomlFields::str(std::string_view key, bool required) const {
    const toml::node* n = get(*this, as_table(table_), key, required);
    if (!n) return "";
    if (auto v = n->value<std::string>()) return *v;
    error_at(key, "'" + std::string(key) + "' must be a string");
    return "";
}

std::optional<std::int64_t> TomlFields::integer(std::string_view key, bool required, std::int64_t min, std::int64_t max) const {
    const toml::node* n = get(*this, as_table(table_), key, required);
    if (!n) return std::nullopt;
    auto v = n->is_integer() ? n->value<std::int64_t>() : std::nullopt;
    if (!v || *v < min || *v > max) {
        error_at(key,
                 "'" + std::string(key) + "' must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
        return std::nullopt;
    }
    return v;
}

std::optional<double> TomlFields::number(std::string_view key, bool required) const {
    const toml::node* n = get(*this, as_table(table_), key, required);
    if (!n) return std::nullopt;
    if (auto v = n->value<double>(); v && (n->is_integer() || n->is_floating_point()) && std::isfinite(*v)) return v;
    error_at(key, "'" + std::string(key) + "' must be a finite number");
    return std::nullopt;
}

std::optional<bool> TomlFields::boolean(std::string_view key, bool required) const {
    const toml::node* n = get(*this, as_table(table_), key, required);
    if (!n) return std::nullopt;
    if (auto v = n->value<bool>()) return v;
    error_at(key, "'" + std::string(key) + "' must be true or false");
    return std::nullopt;
}

std::vector<std::string> TomlFields::strings(std::string_view key, bool required) const {
    std::vector<std::string> out;
    const toml::node* n = get(*this, as_table(table_), key, required);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) {
        error_at(key, "'" + std::string(key) + "' must be a list of strings, like [\"a\", \"b\"]");
        return out;
    }
    for (const auto& item : *arr) {
        if (auto s = item.value<std::string>())
            out.push_back(*s);
        else
            ctx_.error(node_line(offset_, item), node_column(item), what_ + "'" + std::string(key) + "' must hold only strings");
    }
    return out;
}

std::vector<TomlTable> TomlFields::tables(std::string_view key, bool required) const {
    std::vector<TomlTable> out;
    const toml::node* n = get(*this, as_table(table_), key, required);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) {
        error_at(key, "'" + std::string(key) + "' must be a list of tables");
        return out;
    }
    for (const auto& item : *arr) {
        if (const toml::table* t = item.as_table())
            out.push_back(TomlTable(t));
        else
            ctx_.error(node_line(offset_, item), node_column(item),
                       what_ + "each entry of '" + std::string(key) + "' must be a table like { key = \"value\" }");
    }
    return out;
}

void TomlFields::reject_unknown(std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, node] : as_table(table_)) {
        if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        ctx_.error(node_line(offset_, node), node_column(node),
                   what_ + "unknown key '" + std::string(key.str()) + "' (expected one of: " + list + ")");
    }
}

std::vector<std::string> TomlFields::keys() const {
    std::vector<std::string> out;
    for (const auto& [key, node] : as_table(table_)) out.emplace_back(key.str());
    return out;
}

std::optional<std::string> TomlFields::scalar_text(std::string_view key) const {
    const toml::node* node = as_table(table_).get(key);
    if (!node) return std::nullopt;
    if (auto s = node->value<std::string>()) return *s;
    if (auto i = node->value<std::int64_t>(); i && node->is_integer()) return std::to_string(*i);
    if (auto d = node->value<double>()) return std::to_string(*d);
    if (auto flag = node->value<bool>()) return *flag ? "true" : "false";
    return std::nullopt;
}

}  // namespace dojo::detail
