// Reads lesson front matter (TOML between `+++` lines) with toml++, turning every problem into a
// Diagnostic with a line and column in the lesson file.
#include "course/lesson_catalog.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include <toml++/toml.h>

namespace dojo {

std::string Diagnostic::to_string() const {
    std::ostringstream out;
    out << path;
    if (line > 0) {
        out << ':' << line;
        if (column > 0) out << ':' << column;
    }
    out << (severity == Severity::Error ? ": error: " : ": warning: ") << message;
    return out.str();
}

bool LessonEntry::has_errors() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
}

std::size_t LessonCatalog::error_count() const {
    std::size_t n = 0;
    for (const auto& lesson : lessons)
        for (const auto& d : lesson.problems) n += d.severity == Diagnostic::Severity::Error;
    for (const auto& d : problems) n += d.severity == Diagnostic::Severity::Error;
    return n;
}

namespace {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t find_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return i;
        std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cc & 0x3F);
        }
        const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::string_view::npos;
}

void line_col_of(std::string_view s, std::size_t offset, int& line, int& col) {
    line = 1;
    col = 1;
    for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
        if (s[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
}

Diagnostic too_large(const std::string& path, std::size_t size) {
    return {Diagnostic::Severity::Error, path, 0, 0,
            "file is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(kMaxLessonBytes) +
                " bytes for one lesson; split it into smaller lessons"};
}

bool is_fence(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line == "+++";
}

bool valid_id(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace

LessonEntry parse_lesson_header(std::string_view text, const std::string& path) {
    LessonEntry entry;
    entry.path = path;
    auto error = [&](int line, int col, std::string msg) {
        entry.problems.push_back({Diagnostic::Severity::Error, path, line, col, std::move(msg)});
    };

    if (text.size() > kMaxLessonBytes) {
        entry.problems.push_back(too_large(path, text.size()));
        return entry;
    }
    if (auto bad = find_invalid_utf8(text); bad != std::string_view::npos) {
        int line, col;
        line_col_of(text, bad, line, col);
        error(line, col, "invalid UTF-8 byte sequence; save the file as UTF-8");
        return entry;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM is harmless

    // Front matter: the first line is `+++`, and it runs to the next `+++` line.
    const std::size_t first_nl = text.find('\n');
    if (!is_fence(text.substr(0, first_nl))) {
        error(1, 1, "expected front matter: the first line must be '+++', followed by TOML keys and a closing '+++'");
        return entry;
    }
    std::size_t pos = first_nl == std::string_view::npos ? text.size() : first_nl + 1;
    std::size_t close = std::string_view::npos;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (is_fence(line)) {
            close = pos;
            break;
        }
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    if (close == std::string_view::npos) {
        error(1, 1, "front matter is not closed: add a line '+++' after the TOML keys");
        return entry;
    }
    const std::string_view front = text.substr(first_nl + 1, close - first_nl - 1);
    if (const std::size_t body = text.find('\n', close); body != std::string_view::npos) entry.body = text.substr(body + 1);

    const toml::parse_result parsed = toml::parse(front, path);
    if (!parsed) {
        const auto& err = parsed.error();
        // Lines in the front matter start one below the opening fence.
        error(static_cast<int>(err.source().begin.line) + 1, static_cast<int>(err.source().begin.column),
              "invalid TOML in front matter: " + std::string(err.description()));
        return entry;
    }
    const toml::table& table = parsed.table();
    auto where = [&](const toml::node& n, int& line, int& col) {
        line = static_cast<int>(n.source().begin.line) + 1;
        col = static_cast<int>(n.source().begin.column);
    };
    auto read_string = [&](const char* key, std::string& out, bool required) {
        const toml::node* node = table.get(key);
        if (!node) {
            if (required) error(2, 1, std::string("missing required key '") + key + "' in front matter");
            return;
        }
        if (auto s = node->value<std::string>()) {
            out = *s;
        } else {
            int line, col;
            where(*node, line, col);
            error(line, col, std::string("key '") + key + "' must be a string");
        }
    };
    read_string("id", entry.id, true);
    read_string("title", entry.title, true);
    read_string("summary", entry.summary, false);
    if (const toml::node* node = table.get("minutes")) {
        int line, col;
        where(*node, line, col);
        if (auto m = node->value<int64_t>(); m && *m > 0 && *m <= 600)
            entry.minutes = static_cast<int>(*m);
        else
            error(line, col, "key 'minutes' must be a whole number of minutes between 1 and 600");
    }
    if (!entry.id.empty() && !valid_id(entry.id)) {
        int line, col;
        where(*table.get("id"), line, col);
        error(line, col, "id '" + entry.id + "' may use only lowercase letters, digits and '-' (for example 'cpu-vs-gpu')");
    }
    return entry;
}

LessonCatalog load_lesson_catalog(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    LessonCatalog catalog;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        catalog.problems.push_back({Diagnostic::Severity::Error, dir.string(), 0, 0, "lesson folder not found"});
        return catalog;
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (p.extension() == ".md" && p.filename() != "README.md" && it->is_regular_file(ec)) files.push_back(p);
    }
    if (ec) catalog.problems.push_back({Diagnostic::Severity::Error, dir.string(), 0, 0, "cannot list the folder: " + ec.message()});
    std::sort(files.begin(), files.end());

    std::map<std::string, std::string> first_path_of_id;
    for (const fs::path& p : files) {
        const std::string path = p.string();
        LessonEntry entry;
        std::ifstream in(p, std::ios::binary);
        const auto size = fs::file_size(p, ec);
        if (!in || ec) {
            entry.path = path;
            entry.problems.push_back({Diagnostic::Severity::Error, path, 0, 0, "cannot read the file"});
        } else if (size > kMaxLessonBytes) {  // not read at all: it could be huge
            entry.path = path;
            entry.problems.push_back(too_large(path, size));
        } else {
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            entry = parse_lesson_header(text, path);
        }
        if (entry.id.empty()) entry.id = p.stem().string();
        if (auto [it, inserted] = first_path_of_id.emplace(entry.id, path); !inserted)
            entry.problems.push_back({Diagnostic::Severity::Error, path, 0, 0,
                                      "duplicate lesson id '" + entry.id + "', already used by " + it->second});
        catalog.lessons.push_back(std::move(entry));
    }
    return catalog;
}

}  // namespace dojo
