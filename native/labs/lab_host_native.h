// The desktop's LabHost: one worker thread opens the compute backends (once, so the first frame
// never waits for a GPU driver) and then runs one lab at a time, with progress and cancel.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "labs/backends.h"
#include "labs/lab_host.h"

namespace dojo {

class NativeLabHost : public LabHost {
public:
    // `names`: the backends to open, in order (default: backend_names()).
    explicit NativeLabHost(std::vector<std::string> names = backend_names());
    ~NativeLabHost() override;  // cancels a run in progress and joins the worker

    // Until the worker has opened every backend, each is listed as not available ("opening").
    const std::vector<LabBackendInfo>& backends() override;
    [[nodiscard]] bool start(const LabRequest& request, std::string& error) override;
    LabStatus status() override;
    void cancel() override;
    bool take_report(LabReport& out) override;

    bool ready() const { return ready_.load(); }

private:
    void work();
    void open_all();
    LabReport run(const LabRequest& request);

    std::vector<std::string> names_;
    std::vector<LabBackendInfo> opening_, opened_;                    // opened_ is written once, before ready_ is set
    std::map<std::string, std::unique_ptr<MatmulBackend>> backends_;  // used on the worker only
    std::atomic<bool> ready_{false}, cancel_{false}, quit_{false};

    std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<LabRequest> pending_;
    LabStatus status_;
    std::optional<LabReport> report_;
    std::thread worker_;
};

}  // namespace dojo
