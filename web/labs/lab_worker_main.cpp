// The labs' Web Worker module: the same CPU ladder as the desktop compiled to WebAssembly (SIMD, and
// threads where the page is cross-origin isolated) plus the WebGPU backend, run by the same lab
// runners. lab_worker.js loads it and relays messages: dojo_lab_init() lists the backends,
// dojo_lab_run() runs one lab and posts progress and the report, dojo_lab_cancel() stops it after the
// measurement in progress (the run yields to the worker's event loop between measurements, so the
// cancel message gets through).
#include <emscripten.h>
#include <emscripten/heap.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "compute/cpu/cpu_backend.h"
#include "compute/host_memory.h"
#include "labs/lab_report.h"
#include "labs/lab_runner.h"
#include "webgpu_backend.h"

namespace {

std::unique_ptr<dojo::CpuBackend> g_cpu;
std::unique_ptr<dojo::WebGpuBackend> g_gpu;
std::string g_gpu_why_not;
std::atomic<bool> g_cancel{false};
bool g_running = false;

// clang-format off
EM_JS(void, post_json, (const char* type, const char* json), {
    postMessage({type: UTF8ToString(type), json: UTF8ToString(json)});
});
// clang-format on

// Lets the worker's event loop run (a cancel message, the browser's own work) between measurements.
// clang-format off
EM_ASYNC_JS(void, yield_to_event_loop, (), { await new Promise((resolve) => setTimeout(resolve, 0)); });
// clang-format on

// clang-format off
EM_JS(char*, browser_json, (), {
    const text = JSON.stringify({
        agent: navigator.userAgent || "",
        cores: navigator.hardwareConcurrency || 0,
        isolated: !!self.crossOriginIsolated,
    });
    const size = lengthBytesUTF8(text) + 1;
    const p = _malloc(size);
    stringToUTF8(text, p, size);
    return p;
});
// clang-format on

nlohmann::json browser() {
    char* text = browser_json();
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    free(text);
    return j.is_object() ? j : nlohmann::json::object();
}

bool threads_built() {
#if defined(__EMSCRIPTEN_PTHREADS__)
    return true;
#else
    return false;
#endif
}

// The browser in a few words, from its user-agent string: "Chrome 156 on Linux".
std::string browser_name(const std::string& agent) {
    auto version_of = [&](const std::string& tag) -> std::string {
        const auto at = agent.find(tag);
        if (at == std::string::npos) return {};
        std::string v;
        for (std::size_t i = at + tag.size(); i < agent.size() && std::isdigit(static_cast<unsigned char>(agent[i])); ++i)
            v += agent[i];
        return v;
    };
    std::string name;
    if (const std::string v = version_of("Edg/"); !v.empty())
        name = "Edge " + v;
    else if (const std::string v2 = version_of("Firefox/"); !v2.empty())
        name = "Firefox " + v2;
    else if (const std::string v3 = version_of("Chrome/"); !v3.empty())
        name = "Chrome " + v3;
    else if (const std::string v4 = version_of("Version/"); !v4.empty() && agent.find("Safari/") != std::string::npos)
        name = "Safari " + v4;
    else
        name = "a browser";
    for (const char* os : {"Windows", "Android", "Mac OS X", "iPhone", "CrOS", "Linux"})
        if (agent.find(os) != std::string::npos) {
            const std::string o = os;
            return name + " on " + (o == "Mac OS X" ? "macOS" : o == "CrOS" ? "ChromeOS" : o == "iPhone" ? "iOS" : o);
        }
    return name;
}

nlohmann::json kernels_json(const std::vector<dojo::KernelInfo>& kernels) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& k : kernels)
        out.push_back(
            {{"name", k.name}, {"teaches", k.teaches}, {"dtype", dojo::format_name(k.dtype)}, {"reference", k.reference}});
    return out;
}

// Why the multithreaded rung is missing, in words (empty when it is there).
std::string threads_why_not(const nlohmann::json& b) {
    if (threads_built()) return {};
    if (!b.value("isolated", false))
        return "The multithreaded rung needs memory shared between threads, which browsers allow only on a cross-origin "
               "isolated page (served with the COOP and COEP headers, as `make run` does). This page is not isolated, "
               "so every rung here runs on one thread.";
    return "The multithreaded rung is missing: the threaded build of the labs could not be loaded.";
}

// The WebAssembly heap grows up to its maximum; what lies below sbrk(0) is in use or already free in
// malloc. A size that cannot fit is refused before allocating: wasm cannot catch the failure.
std::uint64_t heap_left() {
    const std::uint64_t max = emscripten_get_heap_max();
    const auto top = reinterpret_cast<std::uintptr_t>(sbrk(0));
    return max > top ? max - top : 0;
}

}  // namespace

extern "C" {

// Opens both backends once and answers {backends: [LabBackendInfo as JSON], machine: {...}}.
EMSCRIPTEN_KEEPALIVE const char* dojo_lab_init() {
    static std::string answer;
    const nlohmann::json b = browser();
    const int cores = b.value("cores", 0);
    if (!g_cpu) {
        dojo::set_host_memory_probe({heap_left, "browser tab"});
        std::string device = "WebAssembly in " + browser_name(b.value("agent", std::string()));
        g_cpu = std::make_unique<dojo::CpuBackend>(device, dojo::CpuBackendOptions{threads_built(), 2.0});
    }
    if (!g_gpu) {
        g_gpu = std::make_unique<dojo::WebGpuBackend>();
        if (!g_gpu->open(g_gpu_why_not)) g_gpu.reset();
    }
    nlohmann::json backends = nlohmann::json::array();
    nlohmann::json cpu = {
        {"name", "cpu"}, {"device", g_cpu->device()}, {"available", true}, {"kernels", kernels_json(g_cpu->kernels())}};
    if (const std::string why = threads_why_not(b); !why.empty()) cpu["note"] = why;
    backends.push_back(cpu);
    if (g_gpu)
        backends.push_back(
            {{"name", "webgpu"}, {"device", g_gpu->device()}, {"available", true}, {"kernels", kernels_json(g_gpu->kernels())}});
    else
        backends.push_back(
            {{"name", "webgpu"}, {"available", false}, {"why_not", g_gpu_why_not}, {"kernels", nlohmann::json::array()}});
    answer = nlohmann::json{{"backends", backends}, {"threads", threads_built()}, {"cores", cores}}.dump();
    return answer.c_str();
}

// Runs one lab: {lab, backend, options: {warmup, repetitions, sizes, kernels, dtype, m, n, k}}. Posts
// {type: "progress", json: {done, total, what}} as it goes and {type: "report", json: <LabReport>} at the end.
EMSCRIPTEN_KEEPALIVE void dojo_lab_run(const char* request_json) {
    const nlohmann::json req = nlohmann::json::parse(request_json ? request_json : "", nullptr, false);
    dojo::LabReport report;
    report.created = dojo::utc_timestamp();
    auto fail = [&](const std::string& why) {
        report.stopped_by_error = true;
        report.notes.push_back(why);
        post_json("report", dojo::lab_report_to_json(report).c_str());
    };
    if (!req.is_object() || !req.contains("lab") || !req["lab"].is_string()) return fail("The lab request could not be read.");
    report.lab = req["lab"].get<std::string>();
    report.backend = req.value("backend", std::string("cpu"));
    if (g_running) return fail("A lab is already running; wait for it or cancel it first.");
    if (!g_cpu) dojo_lab_init();

    dojo::LabOptions options;
    const nlohmann::json o = req.value("options", nlohmann::json::object());
    options.warmup = o.value("warmup", 1);
    options.repetitions = o.value("repetitions", 5);
    options.dtype = o.value("dtype", std::string("all"));
    options.m = o.value("m", 0), options.n = o.value("n", 0), options.k = o.value("k", 0);
    if (o.contains("sizes") && o["sizes"].is_array())
        for (const auto& s : o["sizes"])
            if (s.is_number_integer()) options.sizes.push_back(s.get<int>());
    if (o.contains("kernels") && o["kernels"].is_array())
        for (const auto& k : o["kernels"])
            if (k.is_string()) options.kernels.push_back(k.get<std::string>());

    dojo::MatmulBackend* backend = nullptr;
    if (report.backend == "cpu")
        backend = g_cpu.get();
    else if (report.backend == "webgpu")
        backend = g_gpu.get();
    if (!backend)
        return fail(report.backend == "webgpu" ? "WebGPU is not available: " + g_gpu_why_not
                                               : "There is no backend '" + report.backend + "' in the browser.");

    g_running = true;
    g_cancel = false;
    dojo::LabProgress progress;
    progress.cancel = &g_cancel;
    progress.report = [](int done, int total, const std::string& what) {
        post_json("progress", nlohmann::json{{"done", done}, {"total", total}, {"what", what}}.dump().c_str());
        yield_to_event_loop();
    };
    post_json("progress", nlohmann::json{{"done", 0}, {"total", 0}, {"what", "starting"}}.dump().c_str());
    yield_to_event_loop();
    report = dojo::run_lab(report.lab, *backend, g_cpu.get(), options, progress);
    const nlohmann::json b = browser();
    report.machine.host = "browser";
    report.machine.os = browser_name(b.value("agent", std::string()));
    report.machine.cpu = std::to_string(b.value("cores", 0)) + " logical cores (WebAssembly" +
                         std::string(threads_built() ? ", threads" : ", one thread") + ")";
    if (g_gpu && (report.backend == "webgpu" || report.lab == "crossover")) report.machine.gpu = g_gpu->device();
    if (report.backend == "cpu")
        if (const std::string why = threads_why_not(b); !why.empty()) report.notes.push_back(why);
    g_running = false;
    post_json("report", dojo::lab_report_to_json(report).c_str());
}

// Asks the running lab to stop after the measurement in progress.
EMSCRIPTEN_KEEPALIVE void dojo_lab_cancel() {
    g_cancel = true;
}

}  // extern "C"
