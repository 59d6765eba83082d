// The known labs. The measurements themselves live in the compute backends.
#include "labs/lab_catalog.h"

namespace dojo {

const std::vector<LabInfo>& lab_catalog() {
    static const std::vector<LabInfo> labs = {
        {"device-check", "Check this machine's hardware",
         "which CPU, CUDA and Vulkan devices this machine has, and whether each one really computes", kNeedsNative,
         "dojo check", {}},
        {"matmul", "Matrix multiply: CPU against GPU",
         "how many billions of multiply-adds per second each kernel reaches, from a naive loop to the vendor library",
         kNeedsGpu, "dojo bench", {"size", "backend", "kernel", "dtype"}},
        {"transfer", "Host-to-device transfers", "how fast data crosses PCIe, with pinned and pageable memory",
         kNeedsNative | kNeedsGpu, "dojo lab transfer", {"max_size"}},
        {"crossover", "When the GPU pays off", "the matrix size below which copying to the GPU costs more than it saves",
         kNeedsGpu, "dojo lab crossover", {"max_size"}},
        {"vram", "The VRAM wall", "how much memory a GPU really gives you before 'out of memory', and that it all comes back",
         kNeedsNative | kNeedsGpu, "dojo lab vram", {"limit"}},
        {"precision", "Mixed precision", "speed, bytes and error of FP32, TF32, FP16 and BF16 on the same problem",
         kNeedsNative | kNeedsGpu, "dojo lab precision", {"size"}},
        {"roofline", "The roofline", "peak arithmetic and memory bandwidth, and where each kernel sits between them",
         kNeedsNative | kNeedsGpu, "dojo lab roofline", {}},
        // Explorers: computed, not measured, so they run everywhere (engine/explorers/).
        {"explore-workers", "Workers: few strong cores or thousands of simple ones",
         "how long a few fast CPU cores and thousands of slower GPU cores take over the same grid of multiply-adds", 0, "",
         {"cpu_cores", "gpu_cores", "cpu_clock", "gpu_clock", "size"}},
        {"explore-vram", "VRAM planner", "how much memory a model needs to train or run, and which GPUs it fits on", 0, "",
         {"params", "model", "dtype", "mode", "optimizer", "batch", "seq", "checkpointing", "device"}},
        {"explore-roofline", "Roofline explorer",
         "whether an operation is limited by memory or by arithmetic on a device, and the speed it can reach", 0, "",
         {"device", "op", "size", "dtype"}},
        {"explore-training", "Training-time estimator", "how long training takes on a CPU, a GPU or your own measured speed", 0,
         "", {"dataset", "flops_per_sample", "epochs", "device", "utilization", "gflops"}},
        {"explore-cloud", "Cloud or on-premise", "when buying a GPU costs less than renting one", 0, "",
         {"price_per_hour", "gpus", "purchase", "power_w", "pue", "electricity", "fixed_per_year", "life_years",
          "utilization", "horizon"}},
    };
    return labs;
}

const LabInfo* find_lab(std::string_view id) {
    for (const auto& lab : lab_catalog())
        if (lab.id == id) return &lab;
    return nullptr;
}

}  // namespace dojo
