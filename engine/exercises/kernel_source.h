// The learner's kernel as the compiler gets it: a prelude the app adds (the language version, the
// launch shape, the buffers a, b and result, the problem's sizes, a status word), then the learner's
// own text with its lines kept, and every loop given a step budget so a kernel that would never end
// stops and says so. Compiler messages are read back as the learner's own lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "exercises/exercise.h"

namespace dojo {

// A thread whose loops ran this many steps in all stops the kernel: it would never have ended. It
// stays below lavapipe's own cap of 65535 iterations per loop, which ends a loop silently (a wrong
// answer instead of "this never ends"); every exercise's loops take a few thousand steps at most.
inline constexpr unsigned kKernelStepBudget = 50000;

// Elements of the result buffer before result[0] (the judge's leading guard, verdict.h): a write
// at a negative index lands there.
inline constexpr unsigned kLeadingGuard = 64;

// Bits of the status word the prelude's dojo_tick() sets.
inline constexpr unsigned kStatusTimedOut = 1;

struct CompileError {
    int line = 0, column = 0;  // in the learner's text, 1-based; 0 when the compiler did not say
    std::string message;
};

struct PreparedKernel {
    std::string source;
    int prelude_lines = 0;  // lines before the learner's first one
};

// Rewrites every for and while loop's condition `c` as `dojo_tick() && (c)` (an empty one as
// `dojo_tick()`), in C-like source (GLSL, CUDA), skipping comments and strings; no line moves.
std::string instrument_loops(std::string_view source);

// GLSL 4.50 compute: binding 0 `a`, 1 `b` (read-only float arrays), 2 `result`, 3 the status word;
// push constants `size.n`, `size.width`, `size.height`; the workgroup size from the exercise.
PreparedKernel prepare_glsl(std::string_view learner_code, const Exercise& exercise);

// glslang's log ("exercise.comp:12: error: 'x' : undeclared identifier") as errors at the
// learner's lines (the prelude ends with `#line 1`); a log with no such line is one error at line 0.
std::vector<CompileError> read_glsl_log(const std::string& log);

// The learner's CUDA kernel: `__global__ void kernel(const float* a, const float* b, float* result,
// Size size)`, with `size.n`, `size.width`, `size.height` (ints). The device passes `result` already
// past the leading guard. The prelude declares Size, the status word and per-thread step counters
// (`dojo_status`, `dojo_steps`, module globals the device sets before a launch) and dojo_tick(),
// then `#line 1 "kernel.cu"`; after the learner's text, a check that `kernel` has that signature.
inline constexpr const char* kCudaKernelName = "kernel";
inline constexpr const char* kCudaFileName = "kernel.cu";
PreparedKernel prepare_cuda(std::string_view learner_code);

// NVRTC's log (`kernel.cu(12): error: identifier "x" is undefined`, then the line and a caret
// under the column) as errors at the learner's lines; warnings are skipped. Errors in the app's own
// lines keep line 0; a log with no error line at all is one error at line 0.
std::vector<CompileError> read_nvrtc_log(const std::string& log);

}  // namespace dojo
