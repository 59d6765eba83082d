// Reads a course folder into a Course: lessons (front matter, Markdown body, quizzes, callouts,
// labs, diagrams), course.toml, glossary.toml and faq.toml, then checks the course as a whole
// (ids, prerequisites and their cycles, links, images). Never throws, never stops at the first
// problem: every problem becomes a Diagnostic with a position, and a lesson with errors is kept
// (marked) so the rest of the course still works.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "course/course.h"

namespace dojo {

inline constexpr std::size_t kMaxLessonBytes = 256 * 1024;
inline constexpr std::size_t kMaxImageBytes = 2 * 1024 * 1024;

// Parses one lesson's text; `path` names it in diagnostics. Checks everything that the text
// alone decides (course-wide checks need load_course).
Lesson parse_lesson(std::string_view text, const std::string& path);

// Parses Markdown that is not a lesson (an FAQ answer) into blocks; problems go to `problems`.
std::vector<Block> parse_markdown(std::string_view text, const std::string& path, int first_line,
                                  std::vector<Diagnostic>& problems);

// Loads and checks a whole course folder.
Course load_course(const std::filesystem::path& dir);

}  // namespace dojo
