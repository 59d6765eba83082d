// Course inputs for the benchmarks: a synthetic course of any size made by replicating the real
// lessons (with rewritten ids, prerequisites and links so it validates cleanly), and the largest
// real lesson's text. Every course handed out has been loaded once and checked to have no errors.
#pragma once

#include <filesystem>
#include <string>

#include "course/course.h"

namespace dojo::bench {

// The real course folder (DOJO_SOURCE_LESSONS_DIR).
std::filesystem::path source_lessons_dir();

// A folder holding a synthetic course of exactly `lessons` lessons, written once per process into
// a temporary folder that is removed at exit. Copy k of the real lessons gets ids "<id>-k" (copy 0
// keeps the real ids, so glossary.toml and faq.toml still resolve), tracks rotated by k, and its
// root lessons require the last lesson of copy (k-1)/2, so the skill tree branches like a real one.
// Throws std::runtime_error, with the diagnostics, when the result does not load without errors.
const std::filesystem::path& synthetic_course_dir(int lessons);

// The real course, loaded and checked (throws like synthetic_course_dir).
const Course& real_course();

// The text and path of the largest real lesson file.
struct LessonText {
    std::string path, text;
};
const LessonText& largest_lesson();

}  // namespace dojo::bench
