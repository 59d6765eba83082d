// The browser's GPU backend: WGSL matmul kernels run through WebGPU by the JavaScript glue in
// webgpu_matmul.js. WebGPU is asynchronous; with ASYNCIFY each call below looks synchronous to the
// C++ labs, so the same lab runners as the desktop's drive it. Lives in the labs' Web Worker.
#pragma once

#include <string>
#include <vector>

#include "compute/matmul.h"

namespace dojo {

class WebGpuBackend : public MatmulBackend {
public:
    // Asks the browser for an adapter and a device; false with a sentence for the learner (which
    // browsers have WebGPU) when it cannot.
    [[nodiscard]] bool open(std::string& why_not);
    std::string name() const override { return "webgpu"; }
    std::string device() const override { return device_; }
    std::vector<KernelInfo> kernels() const override { return kernels_; }
    // Uploads A and B, runs `kernel`, reads C back. kernel_ms is GPU time from timestamp queries where
    // the browser offers them, else the dispatch's wall time; wall_ms includes both copies.
    bool matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                std::string& error) override;
    std::vector<std::string> setup_notes() const override { return notes_; }

private:
    std::string device_;
    std::vector<KernelInfo> kernels_;
    std::vector<std::string> notes_;
};

}  // namespace dojo
