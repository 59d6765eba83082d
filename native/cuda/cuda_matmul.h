// The CUDA backend of the compute labs: the FP32 ladder (naive to warp tiling), cuBLAS in FP32,
// TF32, FP16 and BF16 (libcublas opened at run time, so the CLI starts where it is not installed),
// a hand-written bf16 tensor-core kernel, and the transfer, memory and peak labs. Plain C++: no CUDA
// header is needed to include it. One class, defined across cuda_device.cu, cuda_matmul.cu,
// cuda_transfer.cu, cuda_memory.cu and cuda_peak.cu.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compute/lab_devices.h"
#include "compute/matmul.h"

namespace dojo {

class CudaMatmulBackend : public MatmulBackend, public TransferDevice, public MemoryDevice, public PeakDevice {
public:
    // `device_index` counts the CUDA runtime's devices. Construction never throws: when there is no
    // driver or no device, ok() is false and error() says why in the runtime's own words.
    explicit CudaMatmulBackend(int device_index = 0);
    ~CudaMatmulBackend() override;
    CudaMatmulBackend(const CudaMatmulBackend&) = delete;
    CudaMatmulBackend& operator=(const CudaMatmulBackend&) = delete;

    bool ok() const;
    const std::string& error() const { return init_error_; }

    // MatmulBackend
    std::string name() const override { return "cuda"; }
    std::string device() const override { return device_name_; }
    std::vector<KernelInfo> kernels() const override;
    [[nodiscard]] bool matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                              std::string& error) override;
    TransferDevice* transfers() override { return ok() ? this : nullptr; }
    MemoryDevice* memory() override { return ok() ? this : nullptr; }
    PeakDevice* peaks() override { return ok() ? this : nullptr; }

    // TransferDevice
    std::uint64_t max_transfer_bytes() override;
    [[nodiscard]] bool time_transfer(std::uint64_t bytes, TransferDirection direction, HostMemory memory, int warmup,
                                     int repetitions, std::vector<double>& ms, std::string& error) override;

    // MemoryDevice
    [[nodiscard]] bool memory_info(DeviceMemoryInfo& info, std::string& error) override;
    std::uint64_t max_allocation_bytes() override;
    AllocOutcome allocate(std::uint64_t bytes) override;
    void free_all() override;
    bool is_cpu_device() override { return false; }

    // PeakDevice
    [[nodiscard]] bool peak_gflops(int repetitions, double& gflops, std::string& error) override;
    [[nodiscard]] bool peak_bandwidth(int repetitions, double& gbps, std::string& error) override;

    struct Context;  // the stream, events, reusable buffers, allocations and cuBLAS, made once

private:
    // The context when the device is set up and not lost; else null with `error` saying why.
    Context* usable_context(std::string& error);

    int device_index_ = 0;
    std::string device_name_;
    std::string init_error_;
    std::unique_ptr<Context> context_;
};

}  // namespace dojo
