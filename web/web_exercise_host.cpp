// WebExerciseHost: the C++ half of a WGSL check on WebGPU (see web_exercise_host.h and
// web/exercises/webgpu_exercise.js).
#include "web_exercise_host.h"

#include <emscripten.h>

#include <cstdint>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "exercises/exercise_check.h"
#include "exercises/wgsl_source.h"

namespace dojo {

namespace {

WebExerciseHost* g_host = nullptr;

// Timed runs of each kernel on the larger problem, after one warm-up; the median is kept.
constexpr int kTimedRuns = 5;

// {status: "idle" | "opening" | "ready" | "missing", device, why}. The first call loads
// webgpu_exercise.js, which then starts opening the GPU.
// clang-format off
EM_JS(char*, exercise_describe, (), {
    let text;
    if (Module.dojoExercises) {
        text = Module.dojoExercises.describe();
    } else {
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
        text = JSON.stringify(Module.dojoExercisesFailed
            ? {status: "missing", why: "The page could not load webgpu_exercise.js, which checks kernels; reload the page."}
            : {status: "opening"});
    }
    const size = lengthBytesUTF8(text) + 1;
    const p = _malloc(size);
    stringToUTF8(text, p, size);
    return p;
});
// clang-format on

// Posts one problem: the WGSL source, the launch's blocks, and the buffers (copied out of the heap).
// With `timing`, `sources` is a JSON array of kernels to time; else `source` is checked once.
// clang-format off
EM_JS(void, exercise_post, (int timing, const char* source, int blocks_x, int blocks_y, const float* a, int a_count,
                            const float* b, int b_count, const float* result, int result_count,
                            const std::uint32_t* sizes, int runs), {
    const job = {
        blocks: [blocks_x, blocks_y],
        a: HEAPF32.slice(a >> 2, (a >> 2) + a_count),
        b: HEAPF32.slice(b >> 2, (b >> 2) + b_count),
        result: HEAPF32.slice(result >> 2, (result >> 2) + result_count),
        sizes: new Uint32Array([HEAPU32[sizes >> 2], HEAPU32[(sizes >> 2) + 1], HEAPU32[(sizes >> 2) + 2], 0]),
        runs: runs,
    };
    if (timing) job.sources = JSON.parse(UTF8ToString(source));
    else job.source = UTF8ToString(source);
    const go = () => {
        if (timing) Module.dojoExercises.startTiming(job);
        else Module.dojoExercises.startCheck(job);
    };
    if (Module.dojoExercises) go();
    else (Module.dojoExercisesQueue = Module.dojoExercisesQueue || []).push(go);  // webgpu_exercise.js is on its way
});
// clang-format on

// Hands a verdict's JSON (or {"error": ...}) to the test hook's pending checkExercise().
// clang-format off
EM_JS(void, exercise_test_verdict, (const char* json), {
    if (Module.dojoTestVerdict) Module.dojoTestVerdict(UTF8ToString(json));
});
// clang-format on

void post(bool timing, const std::string& source, const LaunchShape& launch, const KernelBuffers& k) {
    exercise_post(timing ? 1 : 0, source.c_str(), launch.blocks_x, launch.blocks_y, k.a.data(), static_cast<int>(k.a.size()),
                  k.b.data(), static_cast<int>(k.b.size()), k.result.data(), static_cast<int>(k.result.size()), k.sizes.data(),
                  kTimedRuns);
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
    const nlohmann::json j = nlohmann::json::parse(take_string(exercise_describe()), nullptr, false);
    const std::string status = j.is_object() ? j.value("status", std::string("missing")) : "missing";
    if (status == "ready") {
        wgsl.available = true;
        wgsl.device = j.value("device", std::string("a GPU"));
    } else if (status == "missing") {
        wgsl.why_not = j.is_object() ? j.value("why", std::string()) : std::string("the WebGPU module did not answer");
    } else {
        wgsl.pending = true;
        wgsl.why_not = "Looking for a GPU through WebGPU...";
    }
    ExerciseLanguage glsl, cuda;
    glsl.language = KernelLanguage::Glsl;
    glsl.backend = "vulkan";
    glsl.why_not = "GLSL kernels run on Vulkan, in the desktop app or dojo exercise check; in the browser, write WGSL.";
    cuda.language = KernelLanguage::Cuda;
    cuda.backend = "cuda";
    cuda.why_not = "CUDA kernels run on an NVIDIA GPU, in the desktop app or dojo exercise check; in the browser, write WGSL.";
    return {wgsl, glsl, cuda};  // WGSL first: where WebGPU is missing, the exercise still opens in WGSL
}

bool WebExerciseHost::start(const Exercise& exercise, KernelLanguage language, const std::string& code, std::string& error) {
    if (language != KernelLanguage::Wgsl) {
        error = std::string("the browser checks WGSL kernels only; ") + language_name(language) +
                " runs in the desktop app and dojo exercise check";
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
    verdict_.backend = "webgpu";             // the device's name comes with the page's answer
    (void)take_string(exercise_describe());  // loads webgpu_exercise.js if no card has yet (the test hook)
    done_verdict_.reset();
    phase_ = Phase::Checking;
    post(false, kernel_.source, exercise.launch, make_buffers(*op, exercise.size, exercise.launch));
    return true;
}

void WebExerciseHost::ran(const std::string& json, const float* result, int count) {
    if (phase_ != Phase::Checking) return;
    const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    Verdict& v = verdict_;
    if (!j.is_object()) {
        v.compiled = true;
        v.run_error = "the page sent an answer this app could not read";
        finish();
        return;
    }
    std::vector<WgslMessage> messages;
    for (const auto& m : j.value("messages", nlohmann::json::array())) {
        if (!m.is_object()) continue;
        messages.push_back(
            {m.value("type", std::string()), m.value("line", 0), m.value("column", 0), m.value("message", std::string())});
    }
    if (const std::string device = j.value("device", std::string()); !device.empty()) v.device = device;
    v.compiled = j.value("compiled", false);
    v.compile_errors = read_wgsl_messages(messages, code_, kernel_);
    if (!v.compiled && v.compile_errors.empty()) v.compile_errors.push_back({0, 0, "WebGPU did not accept the kernel"});
    v.ran = j.value("ran", false);
    v.run_error = j.value("error", std::string());
    v.timed_out = (j.value("status", 0u) & kStatusTimedOut) != 0;
    const Operation* op = find_operation(exercise_.operation);
    if (!v.compiled || !v.ran || v.timed_out || !v.run_error.empty() || !op) {
        finish();
        return;
    }
    const std::vector<float> with_guards(result, result + (count > 0 ? count : 0));
    judge_output(*op, exercise_.size, with_guards, v);
    v.bytes = op->bytes(exercise_.bench);
    const auto model = exercise_.code.find(KernelLanguage::Wgsl);
    if (!v.passed || !time_it_ || model == exercise_.code.end()) {
        finish();
        return;
    }
    const nlohmann::json sources = {kernel_.source, prepare_wgsl(model->second.solution, exercise_).source};
    phase_ = Phase::Timing;
    post(true, sources.dump(), exercise_.bench_launch, make_buffers(*op, exercise_.bench, exercise_.bench_launch));
}

void WebExerciseHost::timed(const std::string& json) {
    if (phase_ != Phase::Timing) return;
    const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_object()) {
        const auto ms = j.value("ms", std::vector<double>{});
        if (ms.size() > 0) verdict_.time_ms = ms[0];
        if (ms.size() > 1) verdict_.reference_time_ms = ms[1];
    }
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

// The page's answer to a check: the JSON of webgpu_exercise.js's check() and `result` with its guards.
EMSCRIPTEN_KEEPALIVE void dojo_exercise_ran(const char* json, const float* result, int count) {
    if (dojo::WebExerciseHost* host = dojo::web_exercise_host()) host->ran(json ? json : "", result, count);
}

// The page's answer to a timing: {ms: [the learner's, the model's], error}.
EMSCRIPTEN_KEEPALIVE void dojo_exercise_timed(const char* json, const float*, int) {
    if (dojo::WebExerciseHost* host = dojo::web_exercise_host()) host->timed(json ? json : "");
}

}  // extern "C"
