// What `dojo check` found on this machine: the CPU, the CUDA devices and the Vulkan devices, each
// with a proof that it really computes. One data model for the CLI's text and JSON and for the apps.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace dojo {

struct CpuInfo {
    std::string model;
    std::string architecture;  // "x86_64", "aarch64", ...
    int physical_cores = 0;
    int logical_threads = 0;
    std::vector<std::string> simd;  // instruction sets present, e.g. "SSE4.2", "AVX2", "AVX-512F", "NEON"
    std::uint64_t memory_total_bytes = 0;
    std::uint64_t memory_available_bytes = 0;
};

// A tiny computation run on the device and checked on the host.
struct ComputeProof {
    bool ran = false;
    bool passed = false;
    std::string detail;  // what was run and what came back, or the step that failed and its error
};

struct CudaDevice {
    int index = 0;
    std::string name;
    int compute_capability_major = 0;
    int compute_capability_minor = 0;
    int sm_count = 0;
    std::uint64_t total_memory_bytes = 0;
    std::uint64_t free_memory_bytes = 0;
    int memory_clock_khz = 0;
    int memory_bus_width_bits = 0;
    std::uint64_t l2_cache_bytes = 0;
    ComputeProof proof;

    std::string compute_capability() const;  // "9.0"
};

struct CudaReport {
    bool built = false;      // this binary was compiled with CUDA
    bool available = false;  // at least one device passed its proof
    std::string reason;      // why not available: the runtime's own error
    std::string advice;      // what the learner can do about it
    int driver_version = 0;  // CUDA's encoding: 1000*major + 10*minor; 0 = no driver
    int runtime_version = 0;
    std::vector<CudaDevice> devices;
};

struct VulkanHeap {
    std::uint64_t size_bytes = 0;
    bool device_local = false;
};

struct VulkanDevice {
    std::string name;
    std::string type;  // "discrete", "integrated", "virtual", "cpu", "other"
    std::uint32_t vendor_id = 0;
    std::uint32_t device_id = 0;
    std::string api_version;
    std::string driver_name;
    std::string driver_info;
    std::vector<VulkanHeap> heaps;
    ComputeProof proof;
};

struct VulkanReport {
    bool built = false;
    bool available = false;  // at least one device passed its proof
    std::string reason;
    std::string advice;
    std::string instance_version;
    std::vector<VulkanDevice> devices;
};

struct HardwareReport {
    CpuInfo cpu;
    CudaReport cuda;
    VulkanReport vulkan;
};

// Peak DRAM bandwidth implied by the memory clock and bus width, in GB/s (10^9 bytes/s). GDDR and
// HBM move data on both clock edges, hence two transfers per clock.
double theoretical_bandwidth_gbs(int memory_clock_khz, int bus_width_bits);

// "NVIDIA", "AMD", "Intel", "Mesa" (software), ...; hex id when unknown.
std::string vulkan_vendor_name(std::uint32_t vendor_id);

// "1.2.3" from CUDA's 12030 encoding, "none" for 0.
std::string cuda_version_string(int version);

// One sentence per accelerator: what this machine can use for the labs.
std::vector<std::string> verdict(const HardwareReport& report);

nlohmann::json to_json(const HardwareReport& report);

// The human-readable report, as `dojo check` prints it.
std::string format_report(const HardwareReport& report);

}  // namespace dojo
