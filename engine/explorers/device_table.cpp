// The device table's data: memory, bandwidth and peak arithmetic of real accelerators, each row
// from the vendor's own data sheet or product page (the URL in `source`).
//
// How the numbers were chosen, so rows compare fairly:
// - GB and GB/s are decimal (10^9), as the vendors print them.
// - fp16_tflops is the DENSE FP16/BF16 rate of the matrix units. NVIDIA's data sheets headline the
//   rate "with sparsity" (2:4 structured sparsity, which few training or inference runs use); the
//   dense rate is half of it, and that half is what is stored here. AMD's MI300X sheet prints both.
// - GeForce cards (RTX 4090, RTX 3060) run FP16 tensor math with FP32 accumulation, the mode
//   frameworks use for training, at half their FP16-accumulate rate; the FP32-accumulate rate is
//   stored.
// - 0 means the vendor publishes no such number (Apple publishes no chip power and its GPUs have no
//   separate matrix units; Google publishes no FP32 rate or power for a TPU v5e chip). Code that
//   divides by a field must check for 0.
#include "explorers/device_table.h"

namespace dojo {

namespace {

DeviceSpec row(std::string id, std::string name, std::string kind, double memory_gb, double bandwidth_gbs, double fp32_tflops,
               double fp16_tflops, double power_w, int year, std::string source, std::string note, bool unified = false) {
    DeviceSpec d;
    d.id = std::move(id);
    d.name = std::move(name);
    d.kind = std::move(kind);
    d.memory_gb = memory_gb;
    d.bandwidth_gbs = bandwidth_gbs;
    d.fp32_tflops = fp32_tflops;
    d.fp16_tflops = fp16_tflops;
    d.power_w = power_w;
    d.year = year;
    d.source = std::move(source);
    d.note = std::move(note);
    d.unified_memory = unified;
    return d;
}

std::vector<DeviceSpec> build_table() {
    return {
        // H100 SXM5 80 GB: 3.35 TB/s, FP32 67 TFLOPS, BF16 tensor 1,979 TFLOPS with sparsity, up to 700 W.
        row("h100-sxm", "NVIDIA H100 SXM (80 GB)", "datacenter GPU", 80, 3350, 67, 989, 700, 2022,
            "https://www.nvidia.com/en-us/data-center/h100/",
            "BF16 989 TFLOP/s dense; the data sheet's 1,979 assumes 2:4 sparsity."),
        // H200 SXM: 141 GB HBM3e, 4.8 TB/s, same compute as the H100 SXM, up to 700 W.
        row("h200", "NVIDIA H200 SXM (141 GB)", "datacenter GPU", 141, 4800, 67, 989, 700, 2024,
            "https://www.nvidia.com/en-us/data-center/h200/",
            "The H100's compute with more and faster memory; BF16 989 TFLOP/s dense (1,979 with sparsity)."),
        // A100 80 GB SXM: 2,039 GB/s, FP32 19.5, BF16 tensor 312 dense (624 with sparsity), 400 W.
        row("a100-80gb", "NVIDIA A100 SXM (80 GB)", "datacenter GPU", 80, 2039, 19.5, 312, 400, 2020,
            "https://www.nvidia.com/en-us/data-center/a100/", "BF16 312 TFLOP/s dense (624 with sparsity)."),
        // L4: 24 GB GDDR6, 300 GB/s, FP32 30.3, BF16 tensor 242 with sparsity, 72 W.
        row("l4", "NVIDIA L4 (24 GB)", "datacenter GPU", 24, 300, 30.3, 121, 72, 2023,
            "https://www.nvidia.com/en-us/data-center/l4/",
            "A low-power inference card; BF16 121 TFLOP/s dense (242 with sparsity)."),
        // T4: 16 GB GDDR6, 320 GB/s, FP32 8.1, FP16 mixed precision 65 TFLOPS (no sparsity on Turing), 70 W.
        row("t4", "NVIDIA T4 (16 GB)", "datacenter GPU", 16, 320, 8.1, 65, 70, 2018,
            "https://www.nvidia.com/en-us/data-center/tesla-t4/",
            "FP16 tensor cores only: no BF16 support. Common on free cloud notebooks."),
        // RTX 4090: 24 GB GDDR6X, 1,008 GB/s, FP32 82.6; FP16 tensor with FP32 accumulate 165.2 dense
        // (Ada architecture whitepaper, appendix table), 450 W.
        row("rtx-4090", "NVIDIA GeForce RTX 4090 (24 GB)", "consumer GPU", 24, 1008, 82.6, 165.2, 450, 2022,
            "https://images.nvidia.com/aem-dam/Solutions/geforce/ada/nvidia-ada-gpu-architecture.pdf",
            "FP16 165 TFLOP/s dense with FP32 accumulation (330 with FP16 accumulation)."),
        // RTX 3060 12 GB: 3,584 CUDA cores at 1.78 GHz boost = 12.7 TFLOPS FP32; 192-bit GDDR6 at 15 Gbps
        // = 360 GB/s; 170 W. Tensor rate derived from the GA10x whitepaper's 512 dense FP16 FLOP per clock
        // per SM with FP32 accumulation: 28 SMs x 512 x 1.777 GHz = 25.5 TFLOPS.
        row("rtx-3060", "NVIDIA GeForce RTX 3060 (12 GB)", "consumer GPU", 12, 360, 12.7, 25.5, 170, 2021,
            "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3060-3060ti/",
            "Tensor rate worked out from the Ampere GA10x whitepaper's per-SM figure (FP32 accumulation)."),
        // Apple M2 (10-core GPU): up to 24 GB unified memory, 100 GB/s (newsroom). Apple's M2 page gives no
        // FLOP/s; 10 cores x 128 FP32 lanes x 2 flops x 1.398 GHz = 3.58, written 3.6 (same rule as the Ultra).
        row("m2", "Apple M2 (up to 24 GB)", "Apple SoC", 24, 100, 3.6, 0, 0, 2022,
            "https://www.apple.com/newsroom/2022/06/apple-unveils-m2-with-breakthrough-performance-and-capabilities/",
            "Unified memory is shared with the CPU and macOS, so the GPU gets less than the total.", true),
        // Apple M2 Max (38-core GPU): up to 96 GB unified memory, 400 GB/s (newsroom); 13.6 TFLOPS is half
        // the M2 Ultra's 27.2, since an Ultra is two M2 Max dies (38 x 128 x 2 x 1.398 GHz = 13.6).
        row("m2-max", "Apple M2 Max (up to 96 GB)", "Apple SoC", 96, 400, 13.6, 0, 0, 2023,
            "https://www.apple.com/newsroom/2023/01/"
            "apple-unveils-m2-pro-and-m2-max-next-generation-chips-for-next-level-workflows/",
            "Unified memory is shared with the CPU and macOS, so the GPU gets less than the total.", true),
        // Apple M2 Ultra (76-core GPU): up to 192 GB unified memory, 800 GB/s (newsroom); "up to 27.2
        // teraflops" is on Apple's Mac Pro page (https://www.apple.com/mac-pro/).
        row("m2-ultra", "Apple M2 Ultra (up to 192 GB)", "Apple SoC", 192, 800, 27.2, 0, 0, 2023,
            "https://www.apple.com/newsroom/2023/06/apple-introduces-m2-ultra/",
            "Unified memory is shared with the CPU and macOS, so the GPU gets less than the total.", true),
        // MI300X: 192 GB HBM3, 5.3 TB/s, FP32 vector 81.7, FP16/BF16 matrix 1,307.4 dense (2,614.9 with
        // sparsity), 750 W.
        row("mi300x", "AMD Instinct MI300X (192 GB)", "datacenter GPU", 192, 5300, 81.7, 1307.4, 750, 2023,
            "https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html",
            "FP16/BF16 1,307 TFLOP/s dense (2,615 with sparsity); FP32 is the vector rate."),
        // TPU v5e, one chip: 16 GB HBM2, 819 GB/s, 197 TFLOPS BF16. No FP32 rate or power published.
        row("tpu-v5e", "Google TPU v5e (one chip, 16 GB)", "TPU", 16, 819, 0, 197, 0, 2023,
            "https://cloud.google.com/tpu/docs/v5e",
            "Rented by the chip in Google Cloud; large models are split across many chips."),
    };
}

}  // namespace

const std::vector<DeviceSpec>& device_table() {
    static const std::vector<DeviceSpec> table = build_table();
    return table;
}

const DeviceSpec* find_device(std::string_view id) {
    for (const DeviceSpec& d : device_table())
        if (d.id == id) return &d;
    return nullptr;
}

}  // namespace dojo
