// WebLabHost: the page's half of the labs worker protocol (see web/labs/lab_worker.js). The worker's
// answers wait in Module.dojoLabs until the next frame reads them, so nothing runs inside a message
// handler that the frame loop does not expect.
#include "web_lab_host.h"

#include <emscripten.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "labs/lab_catalog.h"

namespace dojo {

namespace {

// Starts the worker once. `version` counts changes to the backends list (a restarted worker).
// clang-format off
EM_JS(void, labs_boot, (), {
    if (Module.dojoLabs) return;
    const labs = Module.dojoLabs = {version: 0, backends: null, status: null, report: null, failed: null, timer: 0};
    labs.spawn = () => {
        if (typeof Worker === "undefined") {
            labs.backends = JSON.stringify({error: "This browser cannot run Web Workers, so the labs cannot run here."});
            labs.version++;
            return;
        }
        labs.worker = new Worker("lab_worker.js");
        labs.worker.onmessage = (event) => {
            if (Module.dojoWake) Module.dojoWake();  // a resting page draws the news
            const m = event.data || {};
            if (m.type === "ready") { labs.backends = m.json; labs.version++; }
            else if (m.type === "progress") labs.status = m.json;
            else if (m.type === "report") { labs.report = m.json; labs.status = null; clearTimeout(labs.timer); }
            else if (m.type === "failed") {
                labs.failed = m.message;
                labs.status = null;
                if (!labs.backends) { labs.backends = JSON.stringify({error: m.message}); labs.version++; }
            }
        };
        labs.worker.onerror = (e) => {
            labs.failed = "The labs worker failed: " + (e.message || e);
            if (Module.dojoWake) Module.dojoWake();
        };
    };
    labs.spawn();
});
// clang-format on

// clang-format off
EM_JS(int, labs_version, (), { return Module.dojoLabs ? Module.dojoLabs.version : 0; });
// clang-format on

// Moves a string out of Module.dojoLabs[key] (null when there is none) into malloc'd memory.
// clang-format off
EM_JS(char*, labs_take, (const char* key, int clear), {
    const labs = Module.dojoLabs;
    const k = UTF8ToString(key);
    if (!labs || labs[k] === null || labs[k] === undefined) return 0;
    const text = String(labs[k]);
    if (clear) labs[k] = null;
    const size = lengthBytesUTF8(text) + 1;
    const p = _malloc(size);
    stringToUTF8(text, p, size);
    return p;
});
// clang-format on

// clang-format off
EM_JS(void, labs_post_start, (const char* json), {
    const labs = Module.dojoLabs;
    labs.report = null;
    labs.failed = null;
    labs.status = JSON.stringify({done: 0, total: 0, what: "starting"});
    labs.worker.postMessage({type: "start", json: UTF8ToString(json)});
});
// clang-format on

// Asks the run to stop; a worker still busy after `grace_ms` (a single long measurement) is ended
// and replaced, and the run reported as cancelled by the caller's fallback report.
// clang-format off
EM_JS(void, labs_post_cancel, (const char* fallback, int grace_ms), {
    const labs = Module.dojoLabs;
    if (!labs || !labs.worker) return;
    labs.worker.postMessage({type: "cancel"});
    const report = UTF8ToString(fallback);
    clearTimeout(labs.timer);
    labs.timer = setTimeout(() => {
        if (labs.report !== null || labs.status === null) return;
        labs.worker.terminate();
        labs.status = null;
        labs.report = report;
        labs.spawn();
        if (Module.dojoWake) Module.dojoWake();
    }, grace_ms);
});
// clang-format on

std::string take(const char* key, bool clear = true) {
    char* p = labs_take(key, clear ? 1 : 0);
    if (!p) return {};
    std::string s = p;
    std::free(p);
    return s;
}

}  // namespace

void WebLabHost::refresh() {
    if (!started_) {
        labs_boot();
        started_ = true;
    }
    const int version = labs_version();
    if (version == seen_version_) return;
    seen_version_ = version;
    backends_.clear();
    const nlohmann::json j = nlohmann::json::parse(take("backends", false), nullptr, false);
    if (!j.is_object()) return;
    if (j.contains("error")) {
        LabBackendInfo none;
        none.name = "cpu";
        none.why_not = j.value("error", std::string("the labs could not start"));
        backends_.push_back(none);
        return;
    }
    for (const auto& b : j.value("backends", nlohmann::json::array())) {
        if (!b.is_object()) continue;
        LabBackendInfo info;
        info.name = b.value("name", std::string());
        info.device = b.value("device", std::string());
        info.available = b.value("available", false);
        info.why_not = b.value("why_not", std::string());
        info.note = b.value("note", std::string());
        for (const auto& k : b.value("kernels", nlohmann::json::array())) {
            if (!k.is_object()) continue;
            KernelInfo ki;
            ki.name = k.value("name", std::string());
            ki.teaches = k.value("teaches", std::string());
            const std::string dtype = k.value("dtype", std::string("fp32"));
            ki.dtype = dtype == "tf32"   ? NumberFormat::TF32
                       : dtype == "fp16" ? NumberFormat::FP16
                       : dtype == "bf16" ? NumberFormat::BF16
                                         : NumberFormat::FP32;
            ki.reference = k.value("reference", false);
            info.kernels.push_back(ki);
        }
        backends_.push_back(info);
    }
}

const std::vector<LabBackendInfo>& WebLabHost::backends() {
    refresh();
    return backends_;
}

bool WebLabHost::start(const LabRequest& request, std::string& error) {
    refresh();
    if (backends_.empty()) {
        error = "The labs are still starting; try again in a moment.";
        return false;
    }
    if (status().running) {
        error = "A lab is already running; wait for it or cancel it first.";
        return false;
    }
    const LabBackendInfo* info = nullptr;
    for (const auto& b : backends_)
        if (b.name == request.backend) info = &b;
    if (!info || !info->available) {
        error = info ? "The " + request.backend + " backend is not available: " + info->why_not
                     : "There is no backend '" + request.backend + "' in the browser.";
        return false;
    }
    const LabInfo* lab = find_lab(request.lab);
    if (!lab || !lab->run || !lab->browser) {
        error = "This lab runs in the desktop app or the dojo command-line tool, not in the browser.";
        return false;
    }
    if (lab->needs_cpu_too && request.backend == "cpu") {
        error = "The " + lab->id + " lab compares the CPU with a GPU: pick WebGPU.";
        return false;
    }
    const LabOptions& o = request.options;
    const nlohmann::json j = {{"lab", request.lab},
                              {"backend", request.backend},
                              {"options",
                               {{"warmup", o.warmup},
                                {"repetitions", o.repetitions},
                                {"sizes", o.sizes},
                                {"kernels", o.kernels},
                                {"dtype", o.dtype},
                                {"m", o.m},
                                {"n", o.n},
                                {"k", o.k}}}};
    running_ = request;
    labs_post_start(j.dump().c_str());
    return true;
}

LabStatus WebLabHost::status() {
    LabStatus s;
    const nlohmann::json j = nlohmann::json::parse(take("status", false), nullptr, false);
    if (!j.is_object()) return s;
    s.running = true;
    s.done = j.value("done", 0);
    s.total = j.value("total", 0);
    s.what = j.value("what", std::string());
    return s;
}

void WebLabHost::cancel() {
    LabReport fallback;
    fallback.lab = running_.lab;
    fallback.backend = running_.backend;
    fallback.created = utc_timestamp();
    fallback.cancelled = true;
    fallback.notes.push_back("Cancelled in the middle of a measurement, so nothing of this run was kept.");
    labs_post_cancel(lab_report_to_json(fallback).c_str(), 2000);
}

bool WebLabHost::take_report(LabReport& out) {
    const std::string failed = take("failed");
    std::string text = take("report");
    if (text.empty() && !failed.empty()) {
        LabReport r;
        r.lab = running_.lab;
        r.backend = running_.backend;
        r.created = utc_timestamp();
        r.stopped_by_error = true;
        r.notes.push_back(failed);
        out = r;
        return true;
    }
    if (text.empty()) return false;
    LabReportParse parsed = parse_lab_reports(text);
    if (!parsed.ok || parsed.reports.empty()) {
        out = LabReport{};
        out.lab = running_.lab;
        out.backend = running_.backend;
        out.stopped_by_error = true;
        out.notes.push_back("The labs worker sent a report this page could not read: " + parsed.error);
        return true;
    }
    out = std::move(parsed.reports.front());
    return true;
}

}  // namespace dojo
