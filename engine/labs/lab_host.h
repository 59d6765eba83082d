// How the Labs view runs a lab without freezing the UI: the platform owns the backends and a worker
// thread; the view asks it to start, polls its status each frame, can cancel, and takes the report
// when the run ends. The desktop implements it (native/labs/); the browser, web/web_lab_host, runs
// them in a Web Worker.
#pragma once

#include <string>
#include <vector>

#include "compute/matmul.h"
#include "labs/lab_report.h"
#include "labs/lab_runner.h"

namespace dojo {

struct LabBackendInfo {
    std::string name;    // "cpu", "cuda", "vulkan"
    std::string device;  // when available
    bool available = false;
    std::string why_not;  // when not: e.g. "no NVIDIA driver is installed"
    std::string note;     // what a learner should know when it is available, e.g. why a rung is missing
    std::vector<KernelInfo> kernels;
    bool transfers = false, memory = false, peaks = false;  // which labs beyond matmul it can run
};

struct LabRequest {
    std::string lab;      // a lab_catalog() id: "matmul", "transfer", "crossover", "vram", "precision", "roofline"
    std::string backend;  // for crossover: the GPU backend (the CPU is the other side)
    LabOptions options;
};

struct LabStatus {
    bool running = false;
    int done = 0, total = 0;
    std::string what;  // what is being measured now
};

class LabHost {
public:
    virtual ~LabHost() = default;
    // Every backend of this build, available or not (with why not). Opening devices happens once.
    virtual const std::vector<LabBackendInfo>& backends() = 0;
    // Starts `request` on the worker; false with `error` when a run is already going or the
    // request cannot run (unknown lab, backend not available).
    [[nodiscard]] virtual bool start(const LabRequest& request, std::string& error) = 0;
    virtual LabStatus status() = 0;
    virtual void cancel() = 0;  // the run stops after the measurement in progress
    // The report of the run that just ended (once per run): true and `out` filled.
    virtual bool take_report(LabReport& out) = 0;
};

}  // namespace dojo
