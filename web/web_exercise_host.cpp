// WebExerciseHost: the C++ half of a WGSL check on WebGPU (see web_exercise_host.h and
// web/exercises/webgpu_exercise.js).
#include "web_exercise_host.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "exercises/exercise_check.h"
#include "exercises/trace_source.h"
#include "exercises/wgsl_source.h"

namespace dojo {

namespace {

WebExerciseHost* g_host = nullptr;

// Why GLSL and CUDA are not checked here.
constexpr const char* kDesktopOnly = "it runs in the desktop app and dojo exercise check; the browser checks WGSL.";

// Timed runs of each kernel on the larger problem, after one warm-up; the median is kept.
constexpr int kTimedRuns = 5;

// 0 while WebGPU is being looked for, 1 ready, 2 missing. The first call loads webgpu_exercise.js,
// which then starts opening the GPU.
// clang-format off
EM_JS(int, exercise_status, (), {
    if (Module.dojoExercises) return Module.dojoExercises.status();
    if (!Module.dojoExercisesLoading) {
        Module.dojoExercisesLoading = true;
        const script = document.createElement("script");
        script.src = "webgpu_exercise.js";
        script.onerror = () => {
            Module.dojoExercisesFailed = true;
            if (Module.dojoWake) Module.dojoWake();
        };
        document.head.appendChild(script);
    }
    return Module.dojoExercisesFailed ? 2 : 0;
});
// clang-format on

// With status 1 the device's name, with 2 why WebGPU cannot check kernels here.
// clang-format off
EM_JS(char*, exercise_text, (), {
    const text = Module.dojoExercises ? Module.dojoExercises.text()
                                      : "webgpu_exercise.js did not load: reload the page.";
    const size = lengthBytesUTF8(text) + 1;
    const p = _malloc(size);
    stringToUTF8(text, p, size);
    return p;
});
// clang-format on

// Posts one problem: the WGSL source, the launch's blocks, and the buffers (copied out of the heap).
// With a `model`, both kernels are timed; without, `source` is checked once, traced where
// `trace_words` (the trace buffer's size) is not 0.
// clang-format off
EM_JS(void, exercise_post, (const char* source, const char* model, int blocks_x, int blocks_y, const float* a, int a_count,
                            const float* b, int b_count, const float* result, int result_count,
                            const std::uint32_t* sizes, int runs, int trace_words), {
    const job = {
        blocks: [blocks_x, blocks_y],
        a: HEAPF32.slice(a >> 2, (a >> 2) + a_count),
        b: HEAPF32.slice(b >> 2, (b >> 2) + b_count),
        result: HEAPF32.slice(result >> 2, (result >> 2) + result_count),
        sizes: new Uint32Array([HEAPU32[sizes >> 2], HEAPU32[(sizes >> 2) + 1], HEAPU32[(sizes >> 2) + 2], 0]),
        runs: runs,
        traceWords: trace_words,
    };
    if (model) job.sources = [UTF8ToString(source), UTF8ToString(model)];
    else job.source = UTF8ToString(source);
    const go = () => {
        if (model) Module.dojoExercises.startTiming(job);
        else if (trace_words) Module.dojoExercises.startTrace(job);
        else Module.dojoExercises.startCheck(job);
    };
    if (Module.dojoExercises) go();
    else (Module.dojoExercisesQueue = Module.dojoExercisesQueue || []).push(go);
});
// clang-format on

// Hands a verdict's JSON (or {"error": ...}) to the test hook's pending checkExercise().
// clang-format off
EM_JS(void, exercise_test_verdict, (const char* json), {
    if (Module.dojoTestVerdict) Module.dojoTestVerdict(UTF8ToString(json));
});
// clang-format on

// Without `model`, checks `source` once (traced when `traced`); with it, times both.
void post(const std::string& source, const std::string* model, const LaunchShape& launch, const KernelBuffers& k,
          bool traced = false) {
    exercise_post(source.c_str(), model ? model->c_str() : nullptr, launch.blocks_x, launch.blocks_y, k.a.data(),
                  static_cast<int>(k.a.size()), k.b.data(), static_cast<int>(k.b.size()), k.result.data(),
                  static_cast<int>(k.result.size()), k.sizes.data(), kTimedRuns,
                  traced ? 1 + 3 * static_cast<int>(kTraceCapacity) : 0);
}

std::string take_string(char* p) {
    if (!p) return {};
    std::string s = p;
    std::free(p);
    return s;
}

}  // namespace

WebExerciseHost* web_exercise_host() {
    return g_host;
}

std::vector<ExerciseLanguage> WebExerciseHost::languages() {
    g_host = this;
    ExerciseLanguage wgsl;
    wgsl.language = KernelLanguage::Wgsl;
    wgsl.backend = "webgpu";
    const int status = exercise_status();
    if (status == 1) {
        wgsl.available = true;
        wgsl.device = take_string(exercise_text());
    } else if (status == 2) {
        wgsl.why_not = take_string(exercise_text());
    } else {
        wgsl.pending = true;
        wgsl.why_not = "Looking for a GPU...";
    }
    ExerciseLanguage glsl, cuda;
    glsl.language = KernelLanguage::Glsl;
    glsl.backend = "vulkan";
    cuda.language = KernelLanguage::Cuda;
    cuda.backend = "cuda";
    glsl.why_not = cuda.why_not = kDesktopOnly;
    return {wgsl, glsl, cuda};  // WGSL first: where WebGPU is missing, the exercise still opens in WGSL
}

bool WebExerciseHost::start(const Exercise& exercise, KernelLanguage language, const std::string& code, std::string& error) {
    if (language != KernelLanguage::Wgsl) {
        error = kDesktopOnly;
        return false;
    }
    return begin(exercise, code, true, false, error);
}

void WebExerciseHost::start_for_test(const Exercise* exercise, const std::string& id, const std::string& code, bool time_it) {
    std::string error = "there is no exercise '" + id + "'";
    if (exercise && begin(*exercise, code, time_it, true, error)) return;
    exercise_test_verdict(nlohmann::json{{"error", error}}.dump().c_str());
}

bool WebExerciseHost::begin(const Exercise& exercise, const std::string& code, bool time_it, bool for_test, std::string& error) {
    g_host = this;
    if (running()) {
        error = "a check is already running";
        return false;
    }
    const Operation* op = find_operation(exercise.operation);
    if (!op) {
        error = "the exercise names an unknown operation '" + exercise.operation + "'";
        return false;
    }
    exercise_ = exercise;
    for_test_ = for_test;
    code_ = code;
    time_it_ = time_it;
    kernel_ = prepare_wgsl(code, exercise);  // prepare_kernel() would link the other preludes too
    verdict_ = Verdict{};
    verdict_.exercise = exercise.id;
    verdict_.language = language_name(KernelLanguage::Wgsl);
    verdict_.backend = "webgpu";  // the device's name comes with the page's answer
    (void)exercise_status();      // loads webgpu_exercise.js if no card has yet (the test hook)
    done_verdict_.reset();
    phase_ = Phase::Checking;
    post(kernel_.source, nullptr, exercise.launch, make_buffers(*op, exercise.size, exercise.launch));
    return true;
}

void WebExerciseHost::ran(const RunAnswer& answer, const float* result, int count) {
    if (phase_ != Phase::Checking) return;
    Verdict& v = verdict_;
    if (!answer.device.empty()) v.device = answer.device;
    // The compiler's messages, one a line: type, line, column and text between tabs.
    std::vector<WgslMessage> messages;
    std::size_t at = 0;
    while (at < answer.messages.size()) {
        const std::size_t end = std::min(answer.messages.find('\n', at), answer.messages.size());
        const std::string line = answer.messages.substr(at, end - at);
        at = end + 1;
        std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1), t3 = line.find('\t', t2 + 1);
        if (t1 == std::string::npos || t2 == std::string::npos || t3 == std::string::npos) continue;
        messages.push_back(
            {line.substr(0, t1), std::atoi(line.c_str() + t1 + 1), std::atoi(line.c_str() + t2 + 1), line.substr(t3 + 1)});
    }
    v.compiled = answer.compiled;
    v.compile_errors = read_wgsl_messages(messages, code_, kernel_);
    if (!v.compiled && v.compile_errors.empty()) v.compile_errors.push_back({0, 0, "WebGPU did not accept the kernel"});
    v.ran = answer.ran;
    v.run_error = answer.error;
    v.timed_out = (answer.status & kStatusTimedOut) != 0;
    const Operation* op = find_operation(exercise_.operation);
    if (!v.compiled || !v.ran || v.timed_out || !v.run_error.empty() || !op) {
        finish();
        return;
    }
    const std::vector<float> with_guards(result, result + (count > 0 ? count : 0));
    judge_output(*op, exercise_.size, with_guards, v);
    v.bytes = op->bytes(exercise_.bench);
    post_trace(code_, Phase::Tracing);
}

void WebExerciseHost::post_trace(const std::string& code, Phase phase) {
    const Operation* op = find_operation(exercise_.operation);
    if (!op) return finish();
    phase_ = phase;
    const PreparedKernel traced = prepare_wgsl_traced(code, exercise_, shared_);
    post(traced.source, nullptr, exercise_.launch, make_buffers(*op, exercise_.size, exercise_.launch), true);
}

void WebExerciseHost::traced(bool ok, const std::uint32_t* words, int count) {
    if (phase_ != Phase::Tracing && phase_ != Phase::TracingModel) return;
    std::optional<TraceReport> report;
    if (ok && words && count > 0)
        report = read_exercise_trace(std::vector<std::uint32_t>(words, words + count), exercise_, shared_, KernelLanguage::Wgsl);
    if (phase_ == Phase::TracingModel) {
        // The model solution's reads per thread: traced once per exercise, on the first check.
        if (report) model_reads_[{exercise_.id, KernelLanguage::Wgsl}] = report->max_global_reads;
        if (verdict_.trace) verdict_.model_max_global_reads = report ? report->max_global_reads : -1;
        return time_or_finish();
    }
    if (!report) return time_or_finish();  // no picture: the verdict stands on the output alone
    const auto cached = model_reads_.find({exercise_.id, KernelLanguage::Wgsl});
    take_trace(verdict_, std::move(*report), cached == model_reads_.end() ? -1 : cached->second);
    const auto model = exercise_.code.find(KernelLanguage::Wgsl);
    if (cached == model_reads_.end() && model != exercise_.code.end())
        return post_trace(model->second.solution, Phase::TracingModel);
    time_or_finish();
}

void WebExerciseHost::time_or_finish() {
    const Operation* op = find_operation(exercise_.operation);
    const auto model = exercise_.code.find(KernelLanguage::Wgsl);
    if (!op || !verdict_.passed || !time_it_ || model == exercise_.code.end()) return finish();
    const std::string theirs = prepare_wgsl(model->second.solution, exercise_).source;
    phase_ = Phase::Timing;
    post(kernel_.source, &theirs, exercise_.bench_launch, make_buffers(*op, exercise_.bench, exercise_.bench_launch));
}

void WebExerciseHost::timed(double mine_ms, double model_ms) {
    if (phase_ != Phase::Timing) return;
    verdict_.time_ms = mine_ms;
    verdict_.reference_time_ms = model_ms;
    finish();
}

void WebExerciseHost::finish() {
    phase_ = Phase::Idle;
    if (for_test_)
        exercise_test_verdict(to_json(verdict_).dump().c_str());
    else
        done_verdict_ = std::move(verdict_);
}

bool WebExerciseHost::take_verdict(Verdict& out) {
    if (!done_verdict_) return false;
    out = std::move(*done_verdict_);
    done_verdict_.reset();
    return true;
}

}  // namespace dojo

extern "C" {

// The page's answer to a check (webgpu_exercise.js's ran()): whether it compiled and ran, the status
// word, the device's failure if any, the device's name, the compiler's messages one a line, and
// `result` with its guards.
EMSCRIPTEN_KEEPALIVE void dojo_exercise_ran(int compiled, int ran, unsigned status, const char* error, const char* device,
                                            const char* messages, const float* result, int count) {
    dojo::WebExerciseHost* host = dojo::web_exercise_host();
    if (!host) return;
    dojo::WebExerciseHost::RunAnswer answer;
    answer.compiled = compiled != 0;
    answer.ran = ran != 0;
    answer.status = status;
    answer.error = error ? error : "";
    answer.device = device ? device : "";
    answer.messages = messages ? messages : "";
    host->ran(answer, result, count);
}

// The page's answer to a traced run: ok, and the trace's words (the count, then three per access).
EMSCRIPTEN_KEEPALIVE void dojo_exercise_traced(int ok, const std::uint32_t* words, int count) {
    if (dojo::WebExerciseHost* host = dojo::web_exercise_host()) host->traced(ok != 0, words, count);
}

// The page's answer to a timing: the medians of the learner's kernel and the model solution (0 where
// one could not be timed).
EMSCRIPTEN_KEEPALIVE void dojo_exercise_timed(double mine_ms, double model_ms) {
    if (dojo::WebExerciseHost* host = dojo::web_exercise_host()) host->timed(mine_ms, model_ms);
}

}  // extern "C"
