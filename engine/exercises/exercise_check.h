// Checking a learner's kernel: prepare it (kernel_source), compile and run it on the checked problem
// with guard areas around the output (an ExerciseDevice), judge the output against the engine's
// reference (verdict), trace its accesses where the device can (races, reads outside the inputs,
// reads per thread beside the model solution's), and on a pass time it and the model solution on
// the larger problem.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "exercises/exercise.h"
#include "exercises/kernel_source.h"
#include "exercises/trace_analysis.h"
#include "exercises/verdict.h"

namespace dojo {

struct KernelBuffers {
    std::vector<float> a, b;           // the inputs (b may be empty)
    std::vector<float> result;         // kGuardElements, the output, then the trailing guard: all canary
    std::vector<std::uint32_t> sizes;  // n, width, height (the prelude's `size`)
    // For a traced run (trace_source.h): the trace buffer, bound at 4, all zero; else empty.
    std::vector<std::uint32_t> trace;
};

struct KernelRun {
    bool compiled = false;
    std::vector<CompileError> compile_errors;
    bool ran = false;
    std::string error;  // the device's, not the learner's
    bool timed_out = false;
    std::vector<float> result;         // as the kernel left it, guards included
    double median_ms = 0;              // over the timed runs
    std::vector<std::uint32_t> trace;  // a traced run's trace words, as the kernel left them
};

// A device that compiles and runs kernels of one language: Vulkan (GLSL) natively; later CUDA and
// WebGPU (WGSL).
class ExerciseDevice {
public:
    virtual ~ExerciseDevice() = default;
    virtual KernelLanguage language() const = 0;
    virtual std::string name() const = 0;    // "vulkan"
    virtual std::string device() const = 0;  // "llvmpipe (LLVM 15.0.6, 256 bits)"
    // Compiles `kernel` and runs it with `launch`: once, or `timed_runs` times after a warm-up, the
    // median kept. A kernel that runs past the device's own limit answers timed_out.
    virtual KernelRun run(const PreparedKernel& kernel, const LaunchShape& launch, KernelBuffers& buffers, int timed_runs) = 0;
    // Whether run() binds KernelBuffers::trace, so check_exercise can trace the kernel's accesses.
    virtual bool traces() const { return false; }
};

// The buffers for `op` on `size`, inputs filled and the output with its guards all canary.
KernelBuffers make_buffers(const Operation& op, const ProblemSize& size, const LaunchShape& launch);

// Prepares `code` in the device's language for `exercise`.
PreparedKernel prepare_kernel(KernelLanguage language, std::string_view code, const Exercise& exercise);

// The words a traced run of `exercise`'s checked problem left, read (analyse_trace) with the
// exercise's sizes.
TraceReport read_exercise_trace(const std::vector<std::uint32_t>& words, const Exercise& exercise,
                                const std::vector<SharedArray>& shared, KernelLanguage language);

// Takes a traced run into the verdict: races and reads outside the inputs fail it, even when the
// output came out right; `model_reads` is the model solution's most reads by one thread (-1 unknown).
void take_trace(Verdict& v, TraceReport trace, int model_reads);

// The traced run of `code` on the exercise's checked problem: what each thread read and wrote, and
// races. Empty where the device cannot trace or the kernel did not run.
std::optional<TraceReport> trace_kernel(const Exercise& exercise, const std::string& code, ExerciseDevice& device);

// What a host keeps between checks: the model solutions' most reads by one thread, by exercise and
// language, so each model solution is traced once.
using ModelReads = std::map<std::pair<std::string, KernelLanguage>, int>;

// The whole check; `time_it` also measures the learner's kernel and the model solution on the
// exercise's larger problem when it passes. With `model_reads`, the model solution's traced run is
// taken from it where known, and kept there.
Verdict check_exercise(const Exercise& exercise, const std::string& code, ExerciseDevice& device, bool time_it,
                       ModelReads* model_reads = nullptr);

}  // namespace dojo
