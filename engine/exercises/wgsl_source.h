// The learner's WGSL kernel as WebGPU gets it (the browser's exercise host): a prelude the app adds
// (the bindings a, b, result, the status word and the problem's size; the workgroup size as the
// constants WORKGROUP_X and WORKGROUP_Y), then the learner's own text with its lines kept and every
// loop given the step budget. WGSL has no #line, so compiler messages are moved back by the
// prelude's lines (and by what the budget put into a line before their column).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "exercises/exercise.h"
#include "exercises/kernel_source.h"
#include "exercises/trace_source.h"

namespace dojo {

// The entry point the learner writes: `@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
// fn main(@builtin(global_invocation_id) gid: vec3<u32>, ...)`.
inline constexpr const char* kWgslEntryPoint = "main";

// Bindings of group 0: 0 `a`, 1 `b` (read-only storage array<f32>), 2 `result` (read_write
// array<f32>, bound kLeadingGuard floats into its buffer: 256 bytes, WebGPU's storage offset
// alignment), 3 the status word (atomic<u32>), 4 the uniform `size` (n, width, height: u32).
inline constexpr int kWgslResultBinding = 2;
inline constexpr int kWgslStatusBinding = 3;
inline constexpr int kWgslSizeBinding = 4;

// Text the budget put into the learner's code: at `line` (1-based, the learner's), before what was
// at `column` (1-based) there, `length` characters.
struct WgslInsertion {
    int line = 0, column = 0, length = 0;
};

// Gives every WGSL loop the step budget, skipping comments. Loop k gets a counter `dojo_sk` declared
// at the top of its function (`var dojo_sk: u32 = 0u;`), and `for (init; c; step)` becomes
// `for (init; dojo_tick(&dojo_sk) && (c); step)` (an empty condition `dojo_tick(&dojo_sk)`),
// `while c {` becomes `while dojo_tick(&dojo_sk) && (c) {`, and `loop {` becomes
// `loop { if !dojo_tick(&dojo_sk) { break; }`. No line moves; `inserted`, when given, gets where
// text went in.
std::string instrument_wgsl_loops(std::string_view source, std::vector<WgslInsertion>* inserted = nullptr);

PreparedKernel prepare_wgsl(std::string_view learner_code, const Exercise& exercise);

// The traced run's binding: `dojo_trace`, the count (atomic) then three words per access, as in
// trace_source.h.
inline constexpr int kWgslTraceBinding = 5;

// prepare_wgsl's kernel with every access of a, b, result and the workgroup arrays logged
// (instrument_accesses) into binding 5. WGSL offers the thread's index only as a parameter of the
// entry point, so the entry point copies its global_invocation_id (the learner's, or one the app
// adds to the parameters) into a private variable the logging reads. `shared` gets the workgroup
// arrays, by trace id.
PreparedKernel prepare_wgsl_traced(std::string_view learner_code, const Exercise& exercise, std::vector<SharedArray>& shared);

// One message of GPUShaderModule.getCompilationInfo() (or a pipeline's validation error, line 0).
struct WgslMessage {
    std::string type;          // "error", "warning", "info"
    int line = 0, column = 0;  // lineNum and linePos in the prepared source, 1-based; 0 when unknown
    std::string message;
};

// The errors at the learner's own lines and columns. An error inside the prelude keeps its
// message at line 0 (the prelude's text is never shown); warnings and notes are skipped.
std::vector<CompileError> read_wgsl_messages(const std::vector<WgslMessage>& messages, std::string_view learner_code,
                                             const PreparedKernel& kernel);

}  // namespace dojo
