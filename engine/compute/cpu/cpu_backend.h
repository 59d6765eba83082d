// The CPU backend: the matmul ladder (naive to multithreaded SIMD, plus OpenBLAS where it was found)
// behind the common MatmulBackend interface. Plain C++; the caller supplies the CPU's name.
#pragma once

#include <string>
#include <vector>

#include "compute/cpu/cpu_peak.h"
#include "compute/matmul.h"

namespace dojo {

// What the platform that builds the backend knows about where it runs (the core has no platform #if).
struct CpuBackendOptions {
    // The multithreaded rung: off where threads cannot start (a browser page built without them).
    bool threads = true;
    // Repeat a multiply shorter than this and report the time per multiply: browsers coarsen their
    // clocks against timing attacks (to 0.1 ms on a page that is not cross-origin isolated), so the
    // web worker asks for 2 ms. 0: one multiply per timing.
    double min_timed_ms = 0;
};

class CpuBackend : public MatmulBackend {
public:
    // device_name comes from the platform layer (e.g. /proc/cpuinfo's model name); the core reads no files.
    explicit CpuBackend(std::string device_name = "CPU", CpuBackendOptions options = {});
    std::string name() const override { return "cpu"; }
    std::string device() const override { return device_; }
    // Only the kernels this CPU can run: the AVX2 and AVX-512 rungs are checked at run time.
    std::vector<KernelInfo> kernels() const override;
    // kernel_ms == wall_ms: on the CPU there is no transfer to separate out.
    [[nodiscard]] bool matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                              std::string& error) override;

    // The roofline's peaks; the CPU has no transfers or device memory of its own.
    PeakDevice* peaks() override;

private:
    std::string device_;
    CpuBackendOptions options_;
    cpu::CpuPeak peak_;
};

}  // namespace dojo
