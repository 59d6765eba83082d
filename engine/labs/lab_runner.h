// The labs themselves: each takes a backend (or two), measures with the timing policy of
// bench_matmul (warm-up, repetitions, median), checks what it can, and returns a LabReport. The CLI
// runs them on the main thread; the desktop on a worker thread. Both pass progress and cancel.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "labs/lab_report.h"

namespace dojo {

struct LabProgress {
    const std::atomic<bool>* cancel = nullptr;  // checked between measurements
    // done / total steps and what is being measured now; called from the running thread.
    std::function<void(int done, int total, const std::string& what)> report;
    bool cancelled() const { return cancel && cancel->load(); }
    void step(int done, int total, const std::string& what) const {
        if (report) report(done, total, what);
    }
};

struct LabOptions {
    int warmup = 1;
    int repetitions = 5;
    std::vector<int> sizes;            // matmul sizes (n for n x n x n); empty: the lab's default
    std::uint64_t max_bytes = 0;       // transfer: largest size (0: 1 GiB capped by free memory)
    std::uint64_t limit_bytes = 0;     // vram: stop after this much (0: to the wall; lavapipe gets 1 GiB)
    std::uint64_t chunk_bytes = 0;     // vram: allocation size (0: 256 MiB, or less where the device caps it)
    std::vector<std::string> kernels;  // matmul rungs to include (empty: all)
    std::string dtype = "all";         // matmul lab: only rungs of this dtype ("fp32", ..., or "all")
    int m = 0, n = 0, k = 0;           // matmul lab: one non-square shape instead of `sizes`, when m > 0
};

// `dojo bench` as a lab: every wanted kernel at every size.
LabReport run_matmul_lab(MatmulBackend& backend, const LabOptions& options, const LabProgress& progress);
// Host-device bandwidth for sizes 4 KiB .. max, both directions, pinned and pageable.
LabReport run_transfer_lab(MatmulBackend& gpu, const LabOptions& options, const LabProgress& progress);
// The best CPU kernel against the GPU's best, copies included, for n = 32 .. 4096 (or options.sizes).
LabReport run_crossover_lab(MatmulBackend& cpu, MatmulBackend& gpu, const LabOptions& options, const LabProgress& progress);
// Allocate to the wall (or the limit), record the exact error, free, prove the memory came back.
LabReport run_vram_lab(MatmulBackend& gpu, const LabOptions& options, const LabProgress& progress);
// The backend's best kernel of each dtype it has on one problem, each checked against FP64.
LabReport run_precision_lab(MatmulBackend& backend, const LabOptions& options, const LabProgress& progress);
// Peak FMA rate and bandwidth, and every rung at several sizes placed by arithmetic intensity.
LabReport run_roofline_lab(MatmulBackend& backend, const LabOptions& options, const LabProgress& progress);

// One of the above by its lab_catalog() id ("matmul", also "bench"; "transfer", "crossover", "vram",
// "precision", "roofline"). `cpu` is the other side of the crossover. An unknown id, or a crossover
// without a CPU, gives a report stopped by error that says so.
LabReport run_lab(const std::string& lab, MatmulBackend& backend, MatmulBackend* cpu, const LabOptions& options,
                  const LabProgress& progress);

}  // namespace dojo
