// NativeLabHost: the worker opens the backends, then waits for requests and runs them.
#include "labs/lab_host_native.h"

#include <exception>

#include "labs/lab_catalog.h"

namespace dojo {

NativeLabHost::NativeLabHost(std::vector<std::string> names) : names_(std::move(names)) {
    for (const auto& n : names_) {
        LabBackendInfo info;
        info.name = n;
        info.why_not = "opening the device\xe2\x80\xa6";
        opening_.push_back(info);
    }
    worker_ = std::thread([this] { work(); });
}

NativeLabHost::~NativeLabHost() {
    cancel_ = true;
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

const std::vector<LabBackendInfo>& NativeLabHost::backends() {
    return ready_.load(std::memory_order_acquire) ? opened_ : opening_;
}

void NativeLabHost::open_all() {
    std::vector<LabBackendInfo> list;
    for (const auto& name : names_) {
        if (quit_) break;
        OpenedBackend opened = open_backend(name);
        LabBackendInfo info;
        info.name = name;
        if (opened.status == BackendOpen::Ok && opened.backend) {
            MatmulBackend& b = *opened.backend;
            info.available = true;
            info.device = b.device();
            info.kernels = b.kernels();
            info.transfers = b.transfers() != nullptr;
            info.memory = b.memory() != nullptr;
            info.peaks = b.peaks() != nullptr;
            backends_[name] = std::move(opened.backend);
        } else {
            info.why_not = opened.error.empty() ? "not available" : opened.error;
        }
        list.push_back(std::move(info));
    }
    opened_ = std::move(list);
    ready_.store(true, std::memory_order_release);
}

bool NativeLabHost::start(const LabRequest& request, std::string& error) {
    if (!ready_) {
        error = "The devices are still being opened; try again in a moment.";
        return false;
    }
    const LabInfo* lab = find_lab(request.lab);
    if (!lab || !lab->run) {
        error = "There is no lab '" + request.lab + "' to run here.";
        return false;
    }
    const LabBackendInfo* info = nullptr;
    for (const auto& b : opened_)
        if (b.name == request.backend) info = &b;
    if (!info) {
        error = "There is no backend '" + request.backend + "' in this build.";
        return false;
    }
    if (!info->available) {
        error = "The " + request.backend + " backend is not available: " + info->why_not;
        return false;
    }
    if (lab->needs_cpu_too && (request.backend == "cpu" || !backends_.count("cpu"))) {
        error = "The " + lab->id + " lab compares the CPU with a GPU: pick a GPU backend.";
        return false;
    }
    if (!backend_can_run(*lab, *info)) {
        error = "The " + request.backend + " backend cannot run the " + lab->title + " lab.";
        return false;
    }
    std::lock_guard lock(mutex_);
    if (status_.running || pending_) {
        error = "A lab is already running; wait for it or cancel it first.";
        return false;
    }
    cancel_ = false;
    report_.reset();
    pending_ = request;
    status_ = {true, 0, 0, "starting " + lab->title};
    wake_.notify_all();
    return true;
}

LabStatus NativeLabHost::status() {
    std::lock_guard lock(mutex_);
    return status_;
}

void NativeLabHost::cancel() {
    cancel_ = true;
}

bool NativeLabHost::take_report(LabReport& out) {
    std::lock_guard lock(mutex_);
    if (!report_) return false;
    out = std::move(*report_);
    report_.reset();
    return true;
}

LabReport NativeLabHost::run(const LabRequest& request) {
    LabProgress progress;
    progress.cancel = &cancel_;
    progress.report = [this](int done, int total, const std::string& what) {
        std::lock_guard lock(mutex_);
        status_.done = done;
        status_.total = total;
        if (!what.empty()) status_.what = what;
    };
    const auto cpu = backends_.find("cpu");
    return run_lab(request.lab, *backends_.at(request.backend), cpu == backends_.end() ? nullptr : cpu->second.get(),
                   request.options, progress);
}

void NativeLabHost::work() {
    open_all();
    for (;;) {
        LabRequest request;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return quit_ || pending_; });
            if (quit_) return;
            request = std::move(*pending_);
            pending_.reset();
        }
        LabReport report;
        try {
            report = run(request);
        } catch (const std::exception& e) {
            report.lab = request.lab;
            report.backend = request.backend;
            report.created = utc_timestamp();
            report.notes.push_back(std::string("The lab stopped with an error: ") + e.what());
        }
        std::lock_guard lock(mutex_);
        report_ = std::move(report);
        status_.running = false;
        status_.what.clear();
    }
}

}  // namespace dojo
