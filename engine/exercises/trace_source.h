// The traced run's kernel: the learner's GLSL, CUDA or WGSL with every read and write of a, b, result and their
// shared arrays logged (thread, buffer, element, and how many barriers the thread had passed), so
// the judge can draw what each thread touched and find races. Only indexes are wrapped, in place:
// `a[i]` becomes `a[dojo_r(0u, i)]`, which logs and returns i; no line of the learner's moves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "exercises/exercise.h"
#include "exercises/kernel_source.h"

namespace dojo {

// Buffer ids in the trace: the three the app declares, then the learner's shared arrays in the
// order they are declared.
inline constexpr unsigned kTraceA = 0, kTraceB = 1, kTraceResult = 2, kTraceFirstShared = 8;
// Access kinds in the trace.
inline constexpr unsigned kTraceRead = 0, kTraceWrite = 1, kTraceReadWrite = 2;
// Entries the trace buffer holds (three 32-bit words each); a longer trace keeps the first ones.
inline constexpr unsigned kTraceCapacity = 1u << 18;

struct SharedArray {
    std::string name;
    std::vector<std::string> dims;  // one or two, as written ("TILE", "TILE + 1")
};

struct TracedSource {
    std::string code;                 // the learner's, rewritten
    std::vector<SharedArray> shared;  // their shared arrays, by trace id - kTraceFirstShared
};

// Rewrites the accesses of a, b, result and the shared arrays in C-like source, and the barrier as
// dojo_barrier(); comments and strings are left alone. GLSL: `shared` arrays and barrier(); CUDA:
// `__shared__` arrays and __syncthreads(); WGSL: `var<workgroup>` arrays and workgroupBarrier(),
// with every index converted to u32 (`a[dojo_r(0u, u32(i))]`: WGSL has no overloads).
TracedSource instrument_accesses(std::string_view code, KernelLanguage language = KernelLanguage::Glsl);

// prepare_glsl's prelude plus binding 4, the trace, and the logging functions, then the learner's
// code with its loops budgeted and its accesses logged.
PreparedKernel prepare_glsl_traced(std::string_view learner_code, const Exercise& exercise, std::vector<SharedArray>& shared);

// (WGSL's traced kernel, prepare_wgsl_traced, is in wgsl_source.h.)

// prepare_cuda's prelude plus the trace and per-thread barrier counters (`dojo_trace`,
// `dojo_epochs`, module globals the device sets before the launch) and the logging functions.
PreparedKernel prepare_cuda_traced(std::string_view learner_code, std::vector<SharedArray>& shared);

}  // namespace dojo
