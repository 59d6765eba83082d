// The check of a learner's kernel (see exercise_check.h).
#include "exercises/exercise_check.h"

#include <algorithm>

#include "exercises/trace_source.h"
#include "exercises/wgsl_source.h"

namespace dojo {

PreparedKernel prepare_kernel(KernelLanguage language, std::string_view code, const Exercise& exercise) {
    switch (language) {
        case KernelLanguage::Glsl:
            return prepare_glsl(code, exercise);
        case KernelLanguage::Cuda:
            return prepare_cuda(code);
        case KernelLanguage::Wgsl:
            return prepare_wgsl(code, exercise);
    }
    return {std::string(code), 0};
}

std::optional<TraceReport> trace_kernel(const Exercise& exercise, const std::string& code, ExerciseDevice& device) {
    const Operation* op = find_operation(exercise.operation);
    if (!op || !device.traces()) return std::nullopt;
    std::vector<SharedArray> shared;
    PreparedKernel kernel;
    if (device.language() == KernelLanguage::Glsl)
        kernel = prepare_glsl_traced(code, exercise, shared);
    else if (device.language() == KernelLanguage::Cuda)
        kernel = prepare_cuda_traced(code, shared);
    else
        return std::nullopt;
    KernelBuffers buffers = make_buffers(*op, exercise.size, exercise.launch);
    buffers.trace.assign(1 + 3 * static_cast<std::size_t>(kTraceCapacity), 0u);
    const KernelRun run = device.run(kernel, exercise.launch, buffers, 0);
    if (!run.compiled || !run.ran || run.timed_out || !run.error.empty() || run.trace.empty()) return std::nullopt;
    return read_exercise_trace(run.trace, exercise, shared, device.language());
}

TraceReport read_exercise_trace(const std::vector<std::uint32_t>& words, const Exercise& exercise,
                                const std::vector<SharedArray>& shared, KernelLanguage language) {
    const Operation* op = find_operation(exercise.operation);
    if (!op) return {};
    return analyse_trace(words, exercise.launch, op->a_size(exercise.size), op->b_size(exercise.size),
                         op->out_size(exercise.size), shared, language);
}

void take_trace(Verdict& v, TraceReport trace, int model_reads) {
    v.trace = std::move(trace);
    v.passed = v.passed && v.trace->race_count == 0 && v.trace->out_of_bounds_read_count == 0;
    v.model_max_global_reads = model_reads;
}

Verdict check_exercise(const Exercise& exercise, const std::string& code, ExerciseDevice& device, bool time_it,
                       ModelReads* model_reads) {
    Verdict v;
    v.exercise = exercise.id;
    v.language = language_name(device.language());
    v.backend = device.name();
    v.device = device.device();
    const Operation* op = find_operation(exercise.operation);
    if (!op) {
        v.compiled = true;
        v.run_error = "the exercise names an unknown operation '" + exercise.operation + "'";
        return v;
    }
    const PreparedKernel kernel = prepare_kernel(device.language(), code, exercise);
    KernelBuffers buffers = make_buffers(*op, exercise.size, exercise.launch);
    const KernelRun run = device.run(kernel, exercise.launch, buffers, 0);
    v.compiled = run.compiled;
    v.compile_errors = run.compile_errors;
    v.ran = run.ran;
    v.run_error = run.error;
    v.timed_out = run.timed_out;
    if (!run.compiled || !run.ran || run.timed_out || !run.error.empty()) return v;
    judge_output(*op, exercise.size, run.result, v);
    if (auto trace = trace_kernel(exercise, code, device)) {
        const std::pair<std::string, KernelLanguage> key{exercise.id, device.language()};
        int reads = -1;
        if (model_reads && model_reads->count(key)) {
            reads = model_reads->at(key);
        } else if (const auto model = exercise.code.find(device.language()); model != exercise.code.end()) {
            if (const auto theirs = trace_kernel(exercise, model->second.solution, device)) reads = theirs->max_global_reads;
            if (model_reads && reads >= 0) (*model_reads)[key] = reads;
        }
        take_trace(v, std::move(*trace), reads);
    }
    v.bytes = op->bytes(exercise.bench);
    if (!v.passed || !time_it) return v;

    const auto it = exercise.code.find(device.language());
    if (it == exercise.code.end()) return v;
    KernelBuffers mine = make_buffers(*op, exercise.bench, exercise.bench_launch);
    const KernelRun timed = device.run(kernel, exercise.bench_launch, mine, 5);
    KernelBuffers theirs = make_buffers(*op, exercise.bench, exercise.bench_launch);
    const KernelRun model =
        device.run(prepare_kernel(device.language(), it->second.solution, exercise), exercise.bench_launch, theirs, 5);
    if (timed.ran && !timed.timed_out && timed.error.empty()) v.time_ms = timed.median_ms;
    if (model.ran && !model.timed_out && model.error.empty()) v.reference_time_ms = model.median_ms;
    return v;
}

}  // namespace dojo
