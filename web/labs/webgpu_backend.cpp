// WebGpuBackend: each call hands the JavaScript glue (self.dojoWebGpu) its arguments and awaits the
// promise under ASYNCIFY. Answers come back as JSON, so a malformed one is an error, not a crash.
#include "webgpu_backend.h"

#include <emscripten.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

namespace dojo {

namespace {

// The glue's answer to open(), as JSON text owned by the caller (free()).
// clang-format off
EM_ASYNC_JS(char*, webgpu_open_json, (), {
    let answer;
    try {
        answer = self.dojoWebGpu ? await self.dojoWebGpu.open() : {ok: false, why: "The WebGPU glue script did not load."};
        if (answer.ok) answer.kernels = self.dojoWebGpu.kernels();
    } catch (e) {
        answer = {ok: false, why: "WebGPU could not start: " + e};
    }
    const text = JSON.stringify(answer);
    const size = lengthBytesUTF8(text) + 1;
    const p = _malloc(size);
    stringToUTF8(text, p, size);
    return p;
});
// clang-format on

// Runs one multiply. Views of the heap are made fresh after each await: memory may have grown.
// clang-format off
EM_ASYNC_JS(char*, webgpu_matmul_json, (const char* kernel, int m, int n, int k, const float* a, const float* b, float* c), {
    let answer;
    try {
        const heap = () => new Float32Array(wasmMemory.buffer);
        const A = heap().slice(a >> 2, (a >> 2) + m * k);
        const B = heap().slice(b >> 2, (b >> 2) + k * n);
        const r = await self.dojoWebGpu.matmul(UTF8ToString(kernel), m, n, k, A, B);
        if (r.ok) {
            heap().set(r.c, c >> 2);
            answer = {ok: true, kernel_ms: r.kernel_ms, wall_ms: r.wall_ms, timed_by: r.timed_by};
        } else {
            answer = {ok: false, error: r.error || "the WebGPU multiply failed", lost: !!r.lost, oom: !!r.oom};
        }
    } catch (e) {
        answer = {ok: false, error: "the WebGPU multiply failed: " + e};
    }
    const text = JSON.stringify(answer);
    const size = lengthBytesUTF8(text) + 1;
    const p = _malloc(size);
    stringToUTF8(text, p, size);
    return p;
});
// clang-format on

nlohmann::json take_json(char* text) {
    nlohmann::json j = nlohmann::json::parse(text ? text : "null", nullptr, false);
    std::free(text);
    return j;
}

}  // namespace

bool WebGpuBackend::open(std::string& why_not) {
    const nlohmann::json j = take_json(webgpu_open_json());
    if (!j.is_object() || !j.value("ok", false)) {
        why_not = j.is_object() ? j.value("why", std::string("WebGPU is not available in this browser."))
                                : "WebGPU gave an answer this page could not read.";
        return false;
    }
    device_ = j.value("adapter", std::string("WebGPU device"));
    if (device_.empty()) device_ = "WebGPU device";
    kernels_.clear();
    if (j.contains("kernels") && j["kernels"].is_array())
        for (const auto& k : j["kernels"])
            if (k.is_object() && k.contains("name") && k["name"].is_string())
                kernels_.push_back({k["name"].get<std::string>(), k.value("teaches", std::string()), NumberFormat::FP32, false});
    if (kernels_.empty()) {
        why_not = "WebGPU started, but the page has no kernels for it.";
        return false;
    }
    notes_.clear();
    if (j.value("fallback", false) || device_.find("swiftshader") != std::string::npos) {
        device_ += " (software: runs on the CPU)";
        notes_.push_back("This WebGPU adapter is a software renderer that runs on the CPU, so its speeds are not a GPU's.");
    }
    notes_.push_back(j.value("timestamps", false)
                         ? "WebGPU: kernel times come from GPU timestamp queries."
                         : "WebGPU: this browser offers no GPU timestamps, so kernel times are the wall time of the dispatch.");
    return true;
}

bool WebGpuBackend::matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                           std::string& error) {
    if (a.cols != b.rows) {
        error = "shapes do not match: A is " + std::to_string(a.rows) + "x" + std::to_string(a.cols) + ", B is " +
                std::to_string(b.rows) + "x" + std::to_string(b.cols);
        return false;
    }
    if (c.rows != a.rows || c.cols != b.cols) c = Matrix(a.rows, b.cols);
    const nlohmann::json j =
        take_json(webgpu_matmul_json(kernel.c_str(), a.rows, b.cols, a.cols, a.data.data(), b.data.data(), c.data.data()));
    if (!j.is_object()) {
        error = "WebGPU gave an answer this page could not read";
        return false;
    }
    if (!j.value("ok", false)) {
        error = j.value("error", std::string("the WebGPU multiply failed"));
        if (j.value("lost", false) && error.find("lost") == std::string::npos) error = "device lost: " + error;
        if (j.value("oom", false) && error.find("out of memory") == std::string::npos) error = "out of memory: " + error;
        return false;
    }
    timing.kernel_ms = j.value("kernel_ms", 0.0);
    timing.wall_ms = j.value("wall_ms", timing.kernel_ms);
    return true;
}

}  // namespace dojo
