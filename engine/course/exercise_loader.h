// The kernel exercises of a course folder: lessons/exercises/<id>/exercise.toml with its starter code
// and model solution per language (starter.comp and solution.comp for GLSL, .cu for CUDA, .wgsl for
// WGSL). Every problem is a diagnostic at its file and line, as for lessons.
#pragma once

#include <filesystem>
#include <vector>

#include "course/diagnostic.h"
#include "exercises/exercise.h"

namespace dojo {

// The largest kernel file read (a kernel of an exercise is a page, not a program).
inline constexpr std::size_t kMaxKernelBytes = 64 * 1024;

// Loads every exercise under `dir` (a course folder's exercises/), sorted by id; none when absent.
std::vector<Exercise> load_exercises(const std::filesystem::path& dir, std::vector<Diagnostic>& problems);

}  // namespace dojo
