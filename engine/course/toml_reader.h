// The course parser's TOML layer: parses TOML text (front matter, extension blocks, course.toml,
// glossary.toml, faq.toml) and reads typed fields, reporting each problem at its line in the file.
// Its .cpp is the only file that includes toml++; the rest of the parser sees only these types.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "course/parse_context.h"

namespace dojo::detail {

class TomlDocument;

// Parses TOML that starts at `first_line` of the file; reports a syntax error there (and, before
// toml++ reads the text, the characters that toml++ 3.3 cannot safely read), prefixed by `what`.
[[nodiscard]] std::optional<TomlDocument> parse_toml(std::string_view text, const ParseContext& ctx, int first_line,
                                                     const std::string& what);

// One table of a parsed TOML text: a handle, valid while its TomlDocument lives.
class TomlTable {
private:
    friend class TomlDocument;
    friend class TomlFields;
    explicit TomlTable(const void* table) : table_(table) {}
    const void* table_;  // a toml::table, seen as one only by toml_reader.cpp
};

// A parsed TOML text; its root table.
class TomlDocument {
public:
    TomlDocument(TomlDocument&&) noexcept;
    TomlDocument& operator=(TomlDocument&&) noexcept;
    ~TomlDocument();
    TomlTable root() const;

private:
    friend std::optional<TomlDocument> parse_toml(std::string_view, const ParseContext&, int, const std::string&);
    struct Impl;
    explicit TomlDocument(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Reads typed fields from a TOML table and reports wrong or missing ones at their line in the file.
// `line_offset` is the file line just before the TOML text; `what` prefixes every message.
class TomlFields {
public:
    TomlFields(TomlTable table, const ParseContext& ctx, int line_offset, std::string what);

    bool has(std::string_view key) const;
    // Position of the value under `key`, which must be present.
    int line_of(std::string_view key) const;
    // The table's own position as toml++ gives it; table_line() falls back to the first line when it has none.
    int own_line() const;
    int own_column() const;
    int table_line() const;
    void error_at(std::string_view key, const std::string& msg) const;  // at the value under `key`
    void error_here(const std::string& msg) const;                      // at the table

    std::string str(std::string_view key, bool required) const;
    std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min, std::int64_t max) const;
    std::optional<double> number(std::string_view key, bool required) const;
    std::optional<bool> boolean(std::string_view key, bool required) const;
    std::vector<std::string> strings(std::string_view key, bool required) const;
    // The tables of an array of tables (`[[x]]` or `x = [{...}, ...]`).
    std::vector<TomlTable> tables(std::string_view key, bool required) const;
    void reject_unknown(std::initializer_list<std::string_view> allowed) const;

    // The table's keys, in toml++'s order.
    std::vector<std::string> keys() const;
    // A string, whole number, number or true/false under `key` as text; nullopt for anything else.
    std::optional<std::string> scalar_text(std::string_view key) const;

private:
    const void* table_;  // a toml::table
    const ParseContext& ctx_;
    int offset_;
    std::string what_;
};

}  // namespace dojo::detail
