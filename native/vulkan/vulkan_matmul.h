// The Vulkan compute backend: matmul shaders (naive, shared-memory tiles, 4x4 register blocks with
// vec4 loads, and cooperative matrices where the device has them) on one Vulkan device, which runs
// on any GPU with a Vulkan driver and, through lavapipe, on the CPU of machines without one. It
// also answers the transfer, memory and peak labs (engine/compute/lab_devices.h). One class, defined
// across vulkan_device.cpp, vulkan_matmul.cpp, vulkan_transfer.cpp, vulkan_memory.cpp and vulkan_peak.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compute/lab_devices.h"
#include "compute/matmul.h"

namespace dojo {

// Workgroup shapes the backend would otherwise choose per device; 0 keeps the device's choice.
// For tests (every shape must be correct) and experiments.
struct VulkanTuning {
    std::uint32_t tile = 0;    // tiled-shared: TILE x TILE tiles and invocations
    std::uint32_t vec4_x = 0;  // register-vec4: workgroup of vec4_x x vec4_y invocations, 4x4 of C each
    std::uint32_t vec4_y = 0;
    // For tests on devices without a discrete GPU's memory or matrix units (lavapipe):
    bool staging = false;          // device-local buffers plus a staging copy even where memory is unified
    bool emulate_coopmat = false;  // list coopmat-fp16 where the device lacks cooperative matrices, computed
                                   // by a plain fp16 shader with the same padding, layout and dispatch
};

class VulkanMatmulBackend : public MatmulBackend, public TransferDevice, public MemoryDevice, public PeakDevice {
public:
    // `device_index` counts vkEnumeratePhysicalDevices' order; -1 picks the first discrete GPU, else
    // the first integrated one, else any device (lavapipe "llvmpipe" on machines without a GPU).
    // Construction never throws: when the device cannot be set up, ok() is false and error() says why.
    explicit VulkanMatmulBackend(int device_index = -1, VulkanTuning force = {});
    ~VulkanMatmulBackend() override;
    VulkanMatmulBackend(const VulkanMatmulBackend&) = delete;
    VulkanMatmulBackend& operator=(const VulkanMatmulBackend&) = delete;

    bool ok() const;
    const std::string& error() const { return init_error_; }

    std::string name() const override { return "vulkan"; }
    std::string device() const override { return device_name_; }
    // naive, tiled-shared, register-vec4 (fp32); coopmat-fp16 (fp16) only where the device offers
    // cooperative matrices with an fp16 x fp16 -> fp32 shape.
    std::vector<KernelInfo> kernels() const override;
    [[nodiscard]] bool matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                              std::string& error) override;

    // What was chosen for this device, one line for the CLI, e.g. "llvmpipe (cpu, subgroup 8, 32 KiB
    // shared): tiled-shared 8x8 tiles (64 invocations); register-vec4 8x8 invocations (32x32 of C per
    // workgroup); coopmat-fp16 absent". Empty when the device is not set up.
    std::string tuning() const;
    // Empty where the coopmat-fp16 rung is listed; else one line saying why not, e.g. "this device
    // offers no cooperative-matrix (tensor core) support".
    std::string cooperative_matrix_note() const;
    // tuning() and, where the cooperative-matrix rung is missing, why.
    std::vector<std::string> setup_notes() const override;

    TransferDevice* transfers() override { return this; }
    MemoryDevice* memory() override { return this; }
    PeakDevice* peaks() override { return this; }

    // TransferDevice: "pinned" is a host-visible mapped staging buffer copied with vkCmdCopyBuffer
    // to or from a device-local buffer, timed on the device (timestamp queries); "pageable" adds the
    // memcpy between a plain std::vector and the staging buffer, timed on the wall clock.
    std::uint64_t max_transfer_bytes() override;
    [[nodiscard]] bool time_transfer(std::uint64_t bytes, TransferDirection direction, HostMemory memory, int warmup,
                                     int repetitions, std::vector<double>& ms, std::string& error) override;

    // MemoryDevice: the device-local heap; free memory where VK_EXT_memory_budget says it.
    [[nodiscard]] bool memory_info(DeviceMemoryInfo& info, std::string& error) override;
    std::uint64_t max_allocation_bytes() override;  // maxMemoryAllocationSize
    AllocOutcome allocate(std::uint64_t bytes) override;
    void free_all() override;
    bool is_cpu_device() override;

    // PeakDevice: an FMA-chain shader and a vec4 copy shader, timed with timestamp queries.
    [[nodiscard]] bool peak_gflops(int repetitions, double& gflops, std::string& error) override;
    [[nodiscard]] bool peak_bandwidth(int repetitions, double& gbps, std::string& error) override;

    // The physical devices' names in enumeration order (the indices the constructor takes); empty
    // with `error` set when there is no loader, no driver or no device.
    [[nodiscard]] static std::vector<std::string> devices(std::string& error);

    struct Context;  // the instance, device, pipelines and command objects, made once and reused

private:
    [[nodiscard]] bool set_up(std::string& error);
    [[nodiscard]] bool ready(std::string& error);  // sets up again after a failed set-up or a lost device
    // Records `record` between two timestamps, submits, waits and reports the device time (the
    // fence wait where timestamps are missing); a lost device resets the context.
    template <class Record>
    [[nodiscard]] bool run_timed(const char* what, Record&& record, double& ms, std::string& error);

    int device_index_ = -1;
    VulkanTuning force_;
    std::string device_name_;
    std::string init_error_;
    std::unique_ptr<Context> context_;
};

}  // namespace dojo
