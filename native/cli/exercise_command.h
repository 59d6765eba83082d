// `dojo exercise list|show|check`: the course's kernel exercises on a machine with no screen. check
// compiles and runs a learner's kernel file on this machine's GPU and prints the same verdict as the
// app (or JSON: docs/exercise-verdict.schema.json). Exit codes: 0 passed, 1 failed, 2 usage, 3 the
// backend is not in this build, 4 no device for it.
#pragma once

#include <string>
#include <vector>

#include "course/course.h"

namespace dojo {

struct ExerciseCommand {
    std::string action;  // list, show, check
    std::string lessons_dir;
    std::string id, file;
    std::string language;  // show: glsl, cuda, wgsl (default glsl)
    int hint = 0;          // show: print this hint (1-based) instead of the task
    std::string backend;   // check: vulkan or cuda (default: the file's language decides)
    bool json = false;
};

[[nodiscard]] int run_exercise_command(const ExerciseCommand& command);

// For `dojo lessons check`: compiles every exercise's GLSL and CUDA starter and model solution (with
// the app's prelude, as a learner's run would; CUDA with NVRTC, which needs no GPU) and returns an
// error per compiler message, at the file's line. A language this build or machine cannot compile
// is skipped, with a line in `notes` saying why (NVRTC not found, say).
[[nodiscard]] std::vector<Diagnostic> compile_exercise_sources(const Course& course, std::vector<std::string>& notes);

}  // namespace dojo
