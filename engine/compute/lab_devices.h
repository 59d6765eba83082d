// What a compute backend offers the labs beyond matrix multiply. A GPU backend implements the ones
// its device can answer (CUDA: all three; Vulkan: all three; CPU: peaks only) and hands them out
// through MatmulBackend::transfers() / memory() / peaks(); the lab runners in engine/labs/ do the
// timing policy (warm-up, repetitions, median), the checks and the reporting.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dojo {

enum class TransferDirection { HostToDevice, DeviceToHost };
enum class HostMemory { Pinned, Pageable };       // page-locked (cudaMallocHost, host-visible mapped) or plain malloc
const char* direction_name(TransferDirection d);  // "host-to-device", "device-to-host"
const char* host_memory_name(HostMemory m);       // "pinned", "pageable"

class TransferDevice {
public:
    virtual ~TransferDevice() = default;
    // The largest single transfer worth trying now (free device memory and host limits considered).
    virtual std::uint64_t max_transfer_bytes() = 0;
    // Copies `bytes` in `direction` between host memory of kind `memory` and device memory,
    // `warmup` untimed times then `repetitions` timed times, appending each timed copy's
    // milliseconds to `ms`. Buffers are made and freed inside the call. Verifies that the bytes
    // arrived (a pattern written before, compared after). false + `error` on failure.
    virtual bool time_transfer(std::uint64_t bytes, TransferDirection direction, HostMemory memory, int warmup, int repetitions,
                               std::vector<double>& ms, std::string& error) = 0;
};

struct DeviceMemoryInfo {
    std::uint64_t total_bytes = 0;
    std::uint64_t free_bytes = 0;
    bool free_known = false;  // false where the driver cannot say (Vulkan without VK_EXT_memory_budget)
};

enum class AllocStatus { Ok, OutOfMemory, Failed };

struct AllocOutcome {
    AllocStatus status = AllocStatus::Ok;
    std::string code;     // the API's own name for the result, e.g. "cudaErrorMemoryAllocation"
    std::string message;  // the API's own words, as the learner would meet them
};

class MemoryDevice {
public:
    virtual ~MemoryDevice() = default;
    [[nodiscard]] virtual bool memory_info(DeviceMemoryInfo& info, std::string& error) = 0;
    // The largest single allocation the device allows (maxMemoryAllocationSize on Vulkan).
    virtual std::uint64_t max_allocation_bytes() = 0;
    // Allocates `bytes` of device memory, writes to it so it is really backed, and keeps it until
    // free_all(). Out of memory is an answer (AllocStatus::OutOfMemory), never a crash.
    virtual AllocOutcome allocate(std::uint64_t bytes) = 0;
    virtual void free_all() = 0;       // frees everything allocate() kept; waits for the device
    virtual bool is_cpu_device() = 0;  // lavapipe: "device memory" is the machine's RAM
};

class PeakDevice {
public:
    virtual ~PeakDevice() = default;
    // FP32 fused multiply-add throughput of the whole device in GFLOP/s (2 flops per FMA), from a
    // kernel of long independent FMA chains; best of `repetitions` timed runs after a warm-up.
    [[nodiscard]] virtual bool peak_gflops(int repetitions, double& gflops, std::string& error) = 0;
    // Device memory bandwidth in GB/s (bytes read + bytes written per second) from a large copy.
    [[nodiscard]] virtual bool peak_bandwidth(int repetitions, double& gbps, std::string& error) = 0;
};

}  // namespace dojo
