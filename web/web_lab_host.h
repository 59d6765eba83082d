// The browser's LabHost: the labs run in a Web Worker (web/labs/lab_worker.js) that hosts the C++
// lab module, so the page keeps drawing while a kernel runs. This side posts requests, reads the
// worker's progress each frame, and cancels: first politely (the run stops after the measurement in
// progress), then, if the worker does not answer, by ending the worker and starting a fresh one.
#pragma once

#include <string>
#include <vector>

#include "labs/lab_host.h"

namespace dojo {

class WebLabHost : public LabHost {
public:
    const std::vector<LabBackendInfo>& backends() override;
    [[nodiscard]] bool start(const LabRequest& request, std::string& error) override;
    LabStatus status() override;
    void cancel() override;
    bool take_report(LabReport& out) override;

private:
    void refresh();
    bool started_ = false;
    int seen_version_ = -1;
    std::vector<LabBackendInfo> backends_;
    LabRequest running_;
};

}  // namespace dojo
