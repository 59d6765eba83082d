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

// A row with the dense FP8 and FP4 matrix rates too (TFLOP/s, 0 where none is published).
DeviceSpec low(DeviceSpec d, double fp8_tflops, double fp4_tflops) {
    d.fp8_tflops = fp8_tflops;
    d.fp4_tflops = fp4_tflops;
    return d;
}

std::vector<DeviceSpec> build_table() {
    return {
        // H100 SXM5 80 GB: 3.35 TB/s, FP32 67 TFLOPS, BF16 tensor 1,979 TFLOPS with sparsity, up to 700 W.
        // FP8 1,979 dense (3,958 with sparsity); Hopper has no FP4.
        low(row("h100-sxm", "NVIDIA H100 SXM (80 GB)", "datacenter GPU", 80, 3350, 67, 989, 700, 2022,
                "https://www.nvidia.com/en-us/data-center/h100/",
                "BF16 989 TFLOP/s dense; the data sheet's 1,979 assumes 2:4 sparsity."),
            1979, 0),
        // H200 SXM: 141 GB HBM3e, 4.8 TB/s, same compute as the H100 SXM, up to 700 W.
        low(row("h200", "NVIDIA H200 SXM (141 GB)", "datacenter GPU", 141, 4800, 67, 989, 700, 2024,
                "https://www.nvidia.com/en-us/data-center/h200/",
                "The H100's compute with more and faster memory; BF16 989 TFLOP/s dense (1,979 with sparsity)."),
            1979, 0),
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
        // MI300X: 192 GB HBM3, 5.3 TB/s, FP32 vector 163.4 (81.7 is its FP64 vector rate), FP16/BF16
        // matrix 1,307.4 dense (2,614.9 with sparsity), 750 W.
        // FP8 2,614.9 dense (5,229.8 with sparsity); CDNA 3 has no FP4.
        low(row("mi300x", "AMD Instinct MI300X (192 GB)", "datacenter GPU", 192, 5300, 163.4, 1307.4, 750, 2023,
                "https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html",
                "FP16/BF16 1,307 TFLOP/s dense (2,615 with sparsity); FP32 is the vector rate."),
            2614.9, 0),
        // TPU v5e, one chip: 16 GB HBM2, 819 GB/s, 197 TFLOPS BF16. No FP32 rate or power published.
        row("tpu-v5e", "Google TPU v5e (one chip, 16 GB)", "TPU", 16, 819, 0, 197, 0, 2023,
            "https://cloud.google.com/tpu/docs/v5e",
            "Rented by the chip in Google Cloud; large models are split across many chips."),
        // ---- 2024 to 2026: Blackwell, CDNA 3/4, Ironwood, Trainium, Gaudi, and unified-memory machines.
        // Per-GPU figures; where a vendor prints a system (HGX 8-GPU board, NVL72 rack) the figure is
        // divided by its GPU count. NVIDIA's Blackwell sheets print tensor rates with 2:4 sparsity:
        // halved here, as for Hopper.
        // HGX B200 (8 GPUs): 1.44 TB HBM3e, 64 TB/s, FP32 600 TFLOPS, FP16/BF16 36 PFLOPS, FP8 72, FP4
        // 144 (sparse); per GPU 180 GB, 8 TB/s, FP32 75, dense BF16 2,250, FP8 4,500, FP4 9,000; 1,000 W.
        low(row("b200", "NVIDIA B200 SXM (180 GB)", "datacenter GPU", 180, 8000, 75, 2250, 1000, 2024,
                "https://www.nvidia.com/en-us/data-center/hgx/",
                "Per GPU of an HGX B200 board. BF16 2,250 TFLOP/s dense (4,500 with sparsity); FP4 9,000 dense."),
            4500, 9000),
        // HGX B300 (8 GPUs): 2.3 TB HBM3e, 64 TB/s, FP4 144 PFLOPS sparse / 108 dense, FP8 72, BF16 36
        // (sparse); per GPU 288 GB, 8 TB/s, dense FP4 13,500, FP8 4,500, BF16 2,250.
        low(row("b300", "NVIDIA B300 SXM (288 GB)", "datacenter GPU", 288, 8000, 75, 2250, 1100, 2025,
                "https://www.nvidia.com/en-us/data-center/hgx/",
                "Blackwell Ultra: more memory and 1.5x the B200's FP4 (13,500 TFLOP/s dense); BF16 as the B200."),
            4500, 13500),
        // GB200 NVL72 (72 GPUs, one rack): 13.4 TB HBM3e, 576 TB/s, FP32 5,760 TFLOPS, FP16/BF16 360
        // PFLOPS, FP8 720, FP4 1,440 (sparse); per GPU 186 GB, 8 TB/s, FP32 80, dense BF16 2,500, FP8
        // 5,000, FP4 10,000. NVLink 5: 1.8 TB/s per GPU, 130 TB/s across the rack.
        low(row("gb200", "NVIDIA GB200 NVL72, one GPU (186 GB)", "datacenter GPU", 186, 8000, 80, 2500, 1200, 2024,
                "https://www.nvidia.com/en-us/data-center/gb200-nvl72/",
                "The rack's figures divided by its 72 GPUs; the whole rack is one NVLink domain."),
            5000, 10000),
        // RTX 5090: 32 GB GDDR7, 1,792 GB/s, FP32 104.8; FP16 tensor with FP32 accumulate 209.5 dense
        // (Blackwell GB202 whitepaper), FP8 with FP32 accumulate 419 dense; FP4 1,676 dense (the
        // product page's 3,352 AI TOPS are FP4 with sparsity); 575 W.
        low(row("rtx-5090", "NVIDIA GeForce RTX 5090 (32 GB)", "consumer GPU", 32, 1792, 104.8, 209.5, 575, 2025,
                "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5090/",
                "FP16 209.5 TFLOP/s dense with FP32 accumulation (Blackwell consumer whitepaper)."),
            419, 1676),
        // MI325X: 256 GB HBM3E, 6 TB/s, FP32 vector 163.4, FP16 1,307.4 dense, FP8 2,614.9 dense, 1,000 W.
        low(row("mi325x", "AMD Instinct MI325X (256 GB)", "datacenter GPU", 256, 6000, 163.4, 1307.4, 1000, 2024,
                "https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html",
                "The MI300X's compute with more and faster memory; no FP4."),
            2614.9, 0),
        // MI355X: 288 GB HBM3E, 8 TB/s, FP32 vector 157.3, FP16 2,516.6 dense, FP8 5,033.2 dense, MXFP4
        // 10,066.4 dense, 1,400 W.
        low(row("mi355x", "AMD Instinct MI355X (288 GB)", "datacenter GPU", 288, 8000, 157.3, 2516.6, 1400, 2025,
                "https://www.amd.com/en/products/accelerators/instinct/mi350/mi355x.html",
                "CDNA 4: FP4 and FP6 (MXFP4 10,066 TFLOP/s dense); liquid-cooled at 1,400 W."),
            5033.2, 10066.4),
        // TPU7x (Ironwood), one chip: 192 GiB HBM3E (206 GB), 7,380 GB/s, FP8 4,614 TFLOPS, BF16 2,307 (the
        // Cloud TPU page's table gives capacity in GiB and bandwidth in GB/s).
        low(row("tpu7x", "Google TPU7x Ironwood (one chip, 192 GiB)", "TPU", 206, 7380, 0, 2307, 0, 2025,
                "https://cloud.google.com/tpu/docs/tpu7x",
                "Programmed through JAX or PyTorch/XLA; up to 9,216 chips in one pod. No FP32 rate or power published."),
            4614, 0),
        // Trainium2, one chip: 96 GiB HBM (103 GB), 2.9 TB/s, FP32 181, BF16 667 dense, FP8 1,299 dense.
        low(row("trainium2", "AWS Trainium2 (one chip, 96 GiB)", "AI accelerator", 103, 2900, 181, 667, 0, 2024,
                "https://awsdocs-neuron.readthedocs-hosted.com/en/latest/general/arch/neuron-hardware/trainium2.html",
                "Rented in AWS Trn2 instances (16 chips); programmed through the Neuron SDK. No power published."),
            1299, 0),
        // Gaudi 3 (OAM HL-325L): 128 GB HBM2e, 3.7 TB/s, BF16 and FP8 matrix 1,835 TFLOPS (BF16 vector only
        // 28.7), 900 W air-cooled (the liquid-cooled OAM is rated up to 1,200 W). No FP32 rate published.
        low(row("gaudi3", "Intel Gaudi 3 (128 GB)", "AI accelerator", 128, 3700, 0, 1835, 900, 2024,
                "https://www.intel.com/content/www/us/en/content-details/817486/intel-gaudi-3-ai-accelerator-white-paper.html",
                "Matrix engines run BF16 and FP8 at the same 1,835 TFLOP/s; 24 x 200 Gb Ethernet ports on chip."),
            1835, 0),
        // GH200 Grace Hopper: H100-class GPU with 144 GB HBM3e at 4.9 TB/s, coherently joined to a
        // 72-core Grace CPU and its up to 480 GB LPDDR5X by NVLink-C2C at 900 GB/s.
        low(row("gh200", "NVIDIA GH200 Grace Hopper (144 GB + CPU memory)", "superchip", 144, 4900, 67, 989, 1000, 2024,
                "https://www.nvidia.com/en-us/data-center/grace-hopper-superchip/",
                "The GPU can also read the CPU's LPDDR5X over NVLink-C2C (900 GB/s), slower than its own HBM.", true),
            1979, 0),
        // MI300A: 128 GB HBM3 shared by 24 Zen 4 cores and the GPU, 5.3 TB/s, FP32 vector 122.6, FP16
        // 980.6 dense, FP8 1,961.2 dense, 550 W (up to 760 W).
        low(row("mi300a", "AMD Instinct MI300A APU (128 GB unified)", "APU", 128, 5300, 122.6, 980.6, 550, 2023,
                "https://www.amd.com/en/products/accelerators/instinct/mi300/mi300a.html",
                "CPU cores and GPU share one pool of HBM3: no copy between them.", true),
            1961.2, 0),
        // DGX Spark (GB10): 128 GB LPDDR5x unified, 273 GB/s; NVIDIA's product page prints only 1 PFLOP of
        // FP4 with sparsity (500 dense), so no BF16 rate is stored. FP32 31 TFLOPS is the figure NVIDIA gave
        // for the GB10's GPU in its Hot Chips 2025 talk (as reported; not on the product page); it lets the
        // explorers compute with the part at all. The talk's 140 W chip power is left out (0): the page
        // gives none.
        low(row("gb10", "NVIDIA DGX Spark, GB10 (128 GB unified)", "desktop superchip", 128, 273, 31, 0, 0, 2025,
                "https://www.nvidia.com/en-us/products/workstations/dgx-spark/",
                "Large memory, modest bandwidth: fits big models, reads them slowly. FP4 is the only tensor rate "
                "published; FP32 31 TFLOP/s is from NVIDIA's Hot Chips 2025 talk.",
                true),
            0, 500),
        // Ryzen AI Max+ 395: up to 128 GB LPDDR5X-8000 on a 256-bit bus = 256 GB/s; Radeon 8060S, 40
        // compute units at up to 2.9 GHz: 40 x 64 lanes x 2 FLOPs x 2.9 GHz = 14.8 TFLOPS FP32 (derived,
        // single-issue); up to 120 W.
        row("ryzen-ai-max-395", "AMD Ryzen AI Max+ 395 (up to 128 GB)", "laptop/desktop APU", 128, 256, 14.8, 0, 120, 2025,
            "https://www.amd.com/en/products/processors/laptop/ryzen/ai-300-series/amd-ryzen-ai-max-plus-395.html",
            "Unified LPDDR5X; the GPU may be given up to 96 GB of it. FP32 worked out from the GPU's 40 compute units.", true),
        // Apple M4 Max (40-core GPU): up to 128 GB unified memory, 546 GB/s (newsroom). Apple prints no
        // FLOP/s; 40 cores x 128 lanes x 2 FLOPs x 1.578 GHz = 16.2 TFLOPS FP32 (derived).
        row("m4-max", "Apple M4 Max (up to 128 GB)", "Apple SoC", 128, 546, 16.2, 0, 0, 2024,
            "https://www.apple.com/newsroom/2024/10/new-macbook-pro-features-m4-family-of-chips-and-apple-intelligence/",
            "Unified memory is shared with the CPU and macOS, so the GPU gets less than the total.", true),
        // Apple M3 Ultra (80-core GPU): up to 512 GB unified memory, 819 GB/s (newsroom); Apple prints no
        // FLOP/s. FP32 derived as 80 x 128 x 2 x 1.398 GHz = 28.6 TFLOPS, with the 1.398 GHz GPU clock
        // reported (not by Apple) for the M3 Max, of which an Ultra is two.
        row("m3-ultra", "Apple M3 Ultra (up to 512 GB)", "Apple SoC", 512, 819, 28.6, 0, 0, 2025,
            "https://www.apple.com/newsroom/2025/03/apple-reveals-m3-ultra-taking-apple-silicon-to-a-new-extreme/",
            "Unified memory is shared with the CPU and macOS, so the GPU gets less than the total.", true),
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
