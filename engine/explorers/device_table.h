// Real devices the explorers compare against (VRAM planner, roofline explorer, training-time
// estimator): memory, bandwidth and peak arithmetic from the vendors' data sheets, each with its
// source. Data only; the explorers' math lives beside it in engine/explorers/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dojo {

struct DeviceSpec {
    std::string id;            // short and stable, e.g. "h100-sxm", "rtx-4090", "m3-max", "tpu-v5e"
    std::string name;          // as a learner knows it, e.g. "NVIDIA H100 SXM (80 GB)"
    std::string kind;          // "datacenter GPU", "consumer GPU", "Apple SoC", "TPU", "CPU"
    double memory_gb = 0;      // memory the accelerator can use (VRAM, HBM, or unified memory)
    double bandwidth_gbs = 0;  // memory bandwidth, GB/s
    double fp32_tflops = 0;    // dense FP32 (non-tensor) peak
    double fp16_tflops = 0;    // dense FP16/BF16 peak on matrix units (tensor cores, MXUs); 0 where none
    double power_w = 0;        // board power / TDP
    int year = 0;
    std::string source;  // URL of the data sheet the numbers come from
    // Added for the VRAM planner: whether the memory is shared with the CPU (Apple's unified memory),
    // and a caveat a learner should read next to the numbers (sparsity, what "0" means, etc.).
    bool unified_memory = false;
    std::string note;
    // Added for the inference explorer and the datasheet lesson: DENSE FP8 and FP4 rates of the
    // matrix units, TFLOP/s; 0 where the part has no such mode or the vendor prints no dense figure.
    double fp8_tflops = 0;
    double fp4_tflops = 0;
};

// The table, in the order the explorers list it.
const std::vector<DeviceSpec>& device_table();
const DeviceSpec* find_device(std::string_view id);

}  // namespace dojo
