// The course parser's shared internals (not API): where a parse reports its diagnostics, the references
// it gathers for the course-wide checks, byte offsets as lines and columns, and small text helpers.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "course/course.h"

namespace dojo::detail {

using Severity = Diagnostic::Severity;

// ---- Text helpers --------------------------------------------------------------------------------

// Byte offset of the first invalid UTF-8 sequence (overlong forms and surrogates included), or npos.
inline std::size_t find_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        // ASCII, most of a lesson, 8 bytes at a time: none may have its top bit set.
        for (std::uint64_t w; i + 8 <= s.size(); i += 8) {
            std::memcpy(&w, s.data() + i, 8);
            if (w & 0x8080808080808080ull) break;
        }
        if (i == s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return i;
        std::uint32_t cp = len == 1 ? c : c & (0x7Fu >> len);
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

// Maps byte offsets of one text to 1-based lines and columns. A line ends with LF, CRLF or a lone CR, as in
// CommonMark: md4c splits lines there, so positions must too (a lone CR put errors past the last line).
class LineMap {
public:
    explicit LineMap(std::string_view text) {
        starts_.push_back(0);
        // Fast path for the usual text with no CR: memchr finds each LF many bytes at a time (the loop below,
        // byte by byte, was 7% of loading a course; see docs/benchmarks.md).
        if (text.empty() || std::memchr(text.data(), '\r', text.size()) == nullptr) {
            const char* const begin = text.data();
            const char* const end = begin + text.size();
            for (const char* p = begin; p < end; ++p) {
                p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
                if (!p) break;
                starts_.push_back(static_cast<std::size_t>(p - begin) + 1);
            }
            return;
        }
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) starts_.push_back(i + 1);
    }
    int line(std::size_t offset) const {
        // md4c's callbacks ask about offsets in increasing order: try the last line found and the next one before
        // a binary search (two searches per text callback were 6% of loading a course; docs/benchmarks.md).
        for (std::size_t l = hint_; l < hint_ + 2 && l < starts_.size(); ++l) {
            if (starts_[l] <= offset && (l + 1 == starts_.size() || offset < starts_[l + 1])) {
                hint_ = l;
                return static_cast<int>(l + 1);
            }
        }
        hint_ = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
        return static_cast<int>(hint_ + 1);
    }
    int column(std::size_t offset) const {
        return static_cast<int>(offset - starts_[static_cast<std::size_t>(line(offset) - 1)]) + 1;
    }
    int count() const { return static_cast<int>(starts_.size()); }
    std::size_t start(int line) const { return starts_[static_cast<std::size_t>(line - 1)]; }

private:
    std::vector<std::size_t> starts_;
    mutable std::size_t hint_ = 0;  // index of the line found last
};

inline bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64 || id.front() == '-' || id.back() == '-') return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

inline std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return "";
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

// ---- Positions and references gathered while parsing, checked once the whole course is known ---

struct Reference {
    std::string target;  // a lesson id, a term id, an image path or a track id
    int line = 0, column = 0;
};

struct LessonRefs {
    int id_line = 2, track_line = 2, requires_line = 2;
    std::vector<Reference> lessons, terms, images, tracks;
};

// One parse: where diagnostics go and how positions map back to the lesson file.
// Reads a whole file of at most `limit` bytes; false with `error` in words.
[[nodiscard]] bool read_file(const std::filesystem::path& p, std::string& out, std::string& error, std::size_t limit);

struct ParseContext {
    std::string path;
    std::vector<Diagnostic>* problems = nullptr;
    LessonRefs* refs = nullptr;
    int depth = 0;  // nesting of callouts inside callouts

    void report(Severity s, int line, int col, std::string msg) const {
        problems->push_back({s, path, line, col, std::move(msg)});
    }
    void error(int line, int col, std::string msg) const { report(Severity::Error, line, col, std::move(msg)); }
};

}  // namespace dojo::detail
