// The lessons found in a folder, read from their front matter: what a start screen needs.
// A lesson that cannot be read stays in the list with its problems, so one broken file never
// hides the others.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "course/diagnostic.h"

namespace dojo {

inline constexpr std::size_t kMaxLessonBytes = 256 * 1024;

struct LessonEntry {
    std::string id;  // from the front matter; the file name without .md when that is unreadable
    std::string title;
    std::string summary;
    int minutes = 0;
    std::string body;  // the Markdown after the front matter
    std::string path;
    std::vector<Diagnostic> problems;

    bool has_errors() const;
};

struct LessonCatalog {
    std::vector<LessonEntry> lessons;  // sorted by file name
    std::vector<Diagnostic> problems;  // about the folder itself (missing, unreadable)

    std::size_t error_count() const;
};

// Parses one lesson's text. `path` names it in diagnostics.
LessonEntry parse_lesson_header(std::string_view text, const std::string& path);

// Reads every `*.md` in `dir` except README.md (the author's guide), and checks that ids are unique.
LessonCatalog load_lesson_catalog(const std::filesystem::path& dir);

}  // namespace dojo
