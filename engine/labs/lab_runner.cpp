// The six labs. Each is a loop over measurements with progress and cancel between them; the
// backends do the device work (lab_devices.h), this file decides what to measure and what it means.
#include "labs/lab_runner.h"

#include "labs/lab_catalog.h"
#include "labs/quantity_format.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

namespace dojo {

namespace {

constexpr std::uint64_t kKiB = 1024, kMiB = 1024 * kKiB, kGiB = 1024 * kMiB;

LabReport new_report(const char* lab, MatmulBackend& backend) {
    LabReport r;
    r.lab = lab;
    r.backend = backend.name();
    r.device = backend.device();
    r.created = utc_timestamp();
    r.notes = backend.setup_notes();
    return r;
}

// True (and the report marked) when the learner asked to stop: checked between measurements.
bool marked_cancelled(const LabProgress& progress, LabReport& report) {
    if (progress.cancelled()) report.cancelled = true;
    return report.cancelled;
}

// The lab could not finish: say why in the notes and mark the report, so callers need not parse words.
LabReport stopped(LabReport report, const std::string& why) {
    report.notes.push_back(why);
    report.stopped_by_error = true;
    return report;
}

bool wanted(const LabOptions& o, const std::string& kernel) {
    return o.kernels.empty() || o.kernels == std::vector<std::string>{""} ||
           std::find(o.kernels.begin(), o.kernels.end(), "all") != o.kernels.end() ||
           std::find(o.kernels.begin(), o.kernels.end(), kernel) != o.kernels.end();
}

std::string bytes_text(std::uint64_t b) {
    return format_bytes(static_cast<double>(b));
}

// Runs one kernel at one size through bench_matmul, with this lab's progress wording.
BenchResult bench_shape(MatmulBackend& backend, const KernelInfo& kernel, int m, int n, int k, const LabOptions& options,
                        const LabProgress& progress, int done, int total, const Matrix* reference) {
    BenchOptions bo;
    bo.warmup = options.warmup;
    bo.repetitions = options.repetitions;
    bo.cancel = progress.cancel;
    progress.step(
        done, total,
        backend.name() + " " + kernel.name + " at " + std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k));
    return bench_matmul(backend, kernel, m, n, k, bo, reference);
}

BenchResult bench_step(MatmulBackend& backend, const KernelInfo& kernel, int n, const LabOptions& options,
                       const LabProgress& progress, int done, int total, const Matrix* reference) {
    return bench_shape(backend, kernel, n, n, n, options, progress, done, total, reference);
}

// A reference shared by every kernel of one size, where a full one is affordable.
struct SharedReference {
    int n = 0;
    Matrix c;
    const Matrix* get(int size) {
        if (static_cast<double>(size) * size * size > kFullReferenceFlops) return nullptr;  // bench_matmul samples
        if (n != size) {
            c = reference_matmul(random_matrix(size, size, 1), random_matrix(size, size, 2));
            n = size;
        }
        return &c;
    }
};

}  // namespace

LabReport run_matmul_lab(MatmulBackend& backend, const LabOptions& options, const LabProgress& progress) {
    LabReport report = new_report("bench", backend);
    const std::vector<int> sizes = options.sizes.empty() ? std::vector<int>{512} : options.sizes;
    std::vector<const KernelInfo*> chosen;
    const std::vector<KernelInfo> kernels = backend.kernels();
    for (const auto& k : kernels)
        if (wanted(options, k.name) && (options.dtype == "all" || options.dtype == format_name(k.dtype))) chosen.push_back(&k);
    const int total = static_cast<int>((options.m > 0 ? 1 : sizes.size()) * chosen.size());
    int done = 0;
    SharedReference ref;
    for (int n : options.m > 0 ? std::vector<int>{0} : sizes)
        for (const KernelInfo* k : chosen) {
            if (marked_cancelled(progress, report)) return report;
            BenchResult r =
                options.m > 0 ? bench_shape(backend, *k, options.m, options.n, options.k, options, progress, done, total, nullptr)
                              : bench_step(backend, *k, n, options, progress, done, total, ref.get(n));
            if (r.error == "cancelled" && marked_cancelled(progress, report)) return report;
            report.matmul.push_back(std::move(r));
            progress.step(++done, total, "");
        }
    return report;
}

LabReport run_transfer_lab(MatmulBackend& gpu, const LabOptions& options, const LabProgress& progress) {
    LabReport report = new_report("transfer", gpu);
    TransferDevice* dev = gpu.transfers();
    if (!dev) {
        report.notes.push_back("The " + gpu.name() +
                               " backend has no host-device transfers to measure: its memory is the host's.");
        return report;
    }
    std::uint64_t max_bytes = options.max_bytes ? options.max_bytes : kGiB;
    const std::uint64_t device_cap = dev->max_transfer_bytes();
    if (device_cap < max_bytes) {
        max_bytes = device_cap;
        report.notes.push_back("Sizes stop at " + bytes_text(device_cap) +
                               ": the device's free memory (or its driver) allows no more.");
    }
    std::vector<std::uint64_t> sizes;
    for (std::uint64_t b = 4 * kKiB; b <= max_bytes; b *= 4) sizes.push_back(b);
    if (sizes.empty()) sizes.push_back(4 * kKiB);
    const TransferDirection dirs[] = {TransferDirection::HostToDevice, TransferDirection::DeviceToHost};
    const HostMemory mems[] = {HostMemory::Pinned, HostMemory::Pageable};
    const int total = static_cast<int>(sizes.size() * 4);
    int done = 0;
    for (std::uint64_t bytes : sizes)
        for (HostMemory mem : mems)
            for (TransferDirection dir : dirs) {
                if (marked_cancelled(progress, report)) return report;
                progress.step(done, total,
                              std::string(direction_name(dir)) + ", " + host_memory_name(mem) + ", " + bytes_text(bytes));
                // Small copies are dominated by fixed costs, so they get more repetitions for a stable median.
                const int reps = bytes < kMiB ? std::max(options.repetitions, 20) : options.repetitions;
                std::vector<double> ms;
                std::string error;
                if (!dev->time_transfer(bytes, dir, mem, std::max(options.warmup, 1), reps, ms, error) || ms.empty()) {
                    return stopped(std::move(report), "Stopped at " + bytes_text(bytes) + " " + direction_name(dir) + " (" +
                                                          host_memory_name(mem) +
                                                          "): " + (error.empty() ? "the copy failed" : error));
                }
                TransferPoint p;
                p.direction = direction_name(dir);
                p.memory = host_memory_name(mem);
                p.bytes = bytes;
                p.repetitions = static_cast<int>(ms.size());
                p.median_ms = median(ms);
                p.min_ms = *std::min_element(ms.begin(), ms.end());
                p.max_ms = *std::max_element(ms.begin(), ms.end());
                p.gbps = p.median_ms > 0 ? static_cast<double>(bytes) / (p.median_ms * 1e6) : 0;
                report.transfers.push_back(p);
                progress.step(++done, total, "");
            }
    return report;
}

LabReport run_crossover_lab(MatmulBackend& cpu, MatmulBackend& gpu, const LabOptions& options, const LabProgress& progress) {
    LabReport report = new_report("crossover", gpu);
    report.device = cpu.device() + " vs " + gpu.device();
    const std::vector<KernelInfo> cpu_kernels = cpu.kernels(), gpu_kernels = gpu.kernels();
    const KernelInfo* ck = best_kernel(cpu_kernels, NumberFormat::FP32);
    const KernelInfo* gk = best_kernel(gpu_kernels, NumberFormat::FP32);
    if (!ck || !gk) {
        report.notes.push_back("No FP32 kernel to compare on one of the backends.");
        return report;
    }
    std::vector<int> sizes = options.sizes;
    if (sizes.empty())
        for (int n = 32; n <= 4096; n *= 2) sizes.push_back(n);
    CrossoverSummary s;
    s.cpu_kernel = ck->name;
    s.gpu_backend = gpu.name();
    s.gpu_kernel = gk->name;
    const int total = static_cast<int>(sizes.size() * 2);
    int done = 0;
    SharedReference ref;
    for (int n : sizes) {
        if (marked_cancelled(progress, report)) break;
        const Matrix* reference = ref.get(n);
        BenchResult c = bench_step(cpu, *ck, n, options, progress, done++, total, reference);
        if (marked_cancelled(progress, report)) break;
        BenchResult g = bench_step(gpu, *gk, n, options, progress, done++, total, reference);
        const bool ok = c.passed && g.passed;
        report.matmul.push_back(c);
        report.matmul.push_back(g);
        if (!ok) {
            report.notes.push_back("At n = " + std::to_string(n) + " a kernel failed (" + (c.passed ? g.error : c.error) +
                                   "), so that size is left out of the comparison.");
            continue;
        }
        CrossoverPoint p;
        p.n = n;
        p.cpu_ms = c.median_ms;
        p.gpu_total_ms = g.wall_median_ms;
        p.gpu_kernel_ms = g.median_ms;
        p.gpu_wins = p.gpu_total_ms < p.cpu_ms;
        s.points.push_back(p);
        progress.step(done, total, "");
    }
    // The crossover: the first size from which the GPU wins at every larger size measured.
    for (std::size_t i = s.points.size(); i-- > 0;) {
        if (!s.points[i].gpu_wins) break;
        s.crossover_n = s.points[i].n;
    }
    report.notes.push_back("GPU time includes copying A and B to the device and C back; CPU time is the multiply alone.");
    report.crossover = s;
    return report;
}

LabReport run_vram_lab(MatmulBackend& gpu, const LabOptions& options, const LabProgress& progress) {
    LabReport report = new_report("vram", gpu);
    MemoryDevice* dev = gpu.memory();
    if (!dev) {
        report.notes.push_back("The " + gpu.name() + " backend has no device memory of its own to fill.");
        return report;
    }
    VramWall v;
    DeviceMemoryInfo before;
    std::string error;
    if (!dev->memory_info(before, error)) {
        return stopped(std::move(report), "Could not read the device's memory size: " + error);
    }
    v.total_bytes = before.total_bytes;
    v.free_known = before.free_known;
    v.free_before = before.free_bytes;
    v.limit_bytes = options.limit_bytes;
    if (v.limit_bytes == 0 && dev->is_cpu_device()) {
        // On lavapipe "device memory" is this machine's RAM: the wall would be the kernel's OOM killer.
        v.limit_bytes = kGiB;
        report.notes.push_back(
            "This device computes on the CPU, so its memory is the machine's RAM; the run stops at 1 GiB "
            "(--limit sets another amount).");
    }
    std::uint64_t chunk = options.chunk_bytes ? options.chunk_bytes : 256 * kMiB;
    chunk = std::min(chunk, std::max<std::uint64_t>(dev->max_allocation_bytes(), kMiB));
    // A limit with the default chunk: at least eight steps, so the bar moves and the total is close to the limit.
    if (v.limit_bytes && !options.chunk_bytes) chunk = std::min(chunk, std::max<std::uint64_t>(v.limit_bytes / 8, kMiB));
    v.chunk_bytes = chunk;
    const std::uint64_t goal = v.limit_bytes ? v.limit_bytes : (v.free_known ? before.free_bytes : v.total_bytes) + chunk;
    const int total = static_cast<int>(std::min<std::uint64_t>(goal / chunk + 1, 1'000'000));
    while (true) {
        if (marked_cancelled(progress, report)) break;
        if (v.limit_bytes && v.allocated_bytes + chunk > v.limit_bytes) break;
        progress.step(v.chunks, total,
                      "allocating chunk " + std::to_string(v.chunks + 1) + " (" + bytes_text(v.allocated_bytes) + " so far)");
        const AllocOutcome out = dev->allocate(chunk);
        if (out.status == AllocStatus::Ok) {
            v.allocated_bytes += chunk;
            ++v.chunks;
            continue;
        }
        if (out.status == AllocStatus::OutOfMemory) {
            v.hit_wall = true;
        } else {
            report.notes.push_back("The allocation failed for a reason other than memory: " + out.code + " " + out.message);
        }
        v.error_code = out.code;
        v.error_message = out.message;
        break;
    }
    progress.step(total, total, "freeing everything");
    dev->free_all();

    // Proof that the memory came back: free memory at its baseline again, or, where the driver
    // cannot say how much is free, the same amount allocated a second time.
    DeviceMemoryInfo after;
    if (before.free_known && dev->memory_info(after, error) && after.free_known) {
        // Drivers settle freed memory asynchronously; give them a moment before calling it lost.
        for (int tries = 0; tries < 20 && after.free_bytes + 64 * kMiB < before.free_bytes; ++tries) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            if (!dev->memory_info(after, error)) break;  // keep the last answer the driver gave
        }
        v.free_after = after.free_bytes;
        v.memory_returned = after.free_bytes + 64 * kMiB >= before.free_bytes;
        v.returned_how = "free memory was " + bytes_text(before.free_bytes) + " before and " + bytes_text(after.free_bytes) +
                         " after freeing (64 MiB of slack allowed for the driver)";
    } else {
        std::uint64_t again = 0;
        bool ok = true;
        while (again < v.allocated_bytes) {
            const AllocOutcome out = dev->allocate(chunk);
            if (out.status != AllocStatus::Ok) {
                ok = false;
                break;
            }
            again += chunk;
        }
        dev->free_all();
        v.memory_returned = ok;
        v.returned_how = ok ? "the driver does not report free memory, so the same " + bytes_text(v.allocated_bytes) +
                                  " was allocated a second time and freed again"
                            : "a second allocation of the same amount failed after " + bytes_text(again);
    }
    v.fixes = {"Use a smaller batch: activations grow with the batch size.",
               "Use mixed precision (FP16 or BF16): half the bytes per value for activations and, with care, weights.",
               "Use gradient accumulation: several small batches add up to one large step.",
               "Free what you no longer need (del the tensor, then torch.cuda.empty_cache()) and check with nvidia-smi."};
    report.vram = v;
    return report;
}

LabReport run_precision_lab(MatmulBackend& backend, const LabOptions& options, const LabProgress& progress) {
    LabReport report = new_report("precision", backend);
    const int n = options.sizes.empty() ? 1024 : options.sizes.front();
    const std::vector<KernelInfo> kernels = backend.kernels();
    std::vector<const KernelInfo*> chosen;
    for (NumberFormat d : {NumberFormat::FP32, NumberFormat::TF32, NumberFormat::FP16, NumberFormat::BF16})
        if (const KernelInfo* k = best_kernel(kernels, d)) chosen.push_back(k);
    // The CPU's rounded-input rungs run its multithreaded kernel, so FP32 is timed with that one too:
    // the same code on every format, and only the rounding differs.
    if (backend.name() == "cpu" && !chosen.empty())
        for (const auto& k : kernels)
            if (k.name == "multithreaded") {
                chosen.front() = &k;
                report.notes.push_back(
                    "This CPU has no units for TF32, FP16 or BF16: those runs round the inputs to the format and "
                    "multiply with the multithreaded FP32 kernel, so they show the accuracy of each format, not "
                    "its speed.");
            }
    // Against FP64 everywhere: the reference is double precision, rounded only at the very end.
    Matrix reference;
    const bool full = static_cast<double>(n) * n * n <= kFullReferenceFlops;
    if (full) reference = reference_matmul(random_matrix(n, n, 1), random_matrix(n, n, 2));
    const int total = static_cast<int>(chosen.size());
    int done = 0;
    for (const KernelInfo* k : chosen) {
        if (marked_cancelled(progress, report)) break;
        report.matmul.push_back(bench_step(backend, *k, n, options, progress, done, total, full ? &reference : nullptr));
        progress.step(++done, total, "");
    }
    if (chosen.size() < 4)
        report.notes.push_back(
            "This backend has no kernel for some number formats; each format it has is shown with its best kernel.");
    return report;
}

LabReport run_roofline_lab(MatmulBackend& backend, const LabOptions& options, const LabProgress& progress) {
    LabReport report = new_report("roofline", backend);
    PeakDevice* dev = backend.peaks();
    if (!dev) {
        report.notes.push_back("The " + backend.name() + " backend cannot measure its peaks.");
        return report;
    }
    std::vector<int> sizes = options.sizes.empty() ? std::vector<int>{64, 256, 1024} : options.sizes;
    std::vector<const KernelInfo*> chosen;
    const std::vector<KernelInfo> kernels = backend.kernels();
    for (const auto& k : kernels)
        if (k.dtype == NumberFormat::FP32 && wanted(options, k.name)) chosen.push_back(&k);
    const int total = 2 + static_cast<int>(sizes.size() * chosen.size());
    Roofline roof;
    std::string error;
    progress.step(0, total, "peak arithmetic (FMA) throughput");
    if (!dev->peak_gflops(options.repetitions, roof.peak_gflops, error)) {
        return stopped(std::move(report), "Could not measure peak arithmetic: " + error);
    }
    if (marked_cancelled(progress, report)) return report;
    progress.step(1, total, "peak memory bandwidth");
    if (!dev->peak_bandwidth(options.repetitions, roof.bandwidth_gbps, error)) {
        return stopped(std::move(report), "Could not measure memory bandwidth: " + error);
    }
    roof.ridge_intensity = roof.bandwidth_gbps > 0 ? roof.peak_gflops / roof.bandwidth_gbps : 0;
    report.roofline = roof;
    int done = 2;
    SharedReference ref;
    for (int n : sizes)
        for (const KernelInfo* k : chosen) {
            if (marked_cancelled(progress, report)) return report;
            // The CPU's slow rungs at large sizes would take minutes and say nothing new: skip them.
            if (n > 512 && backend.name() == "cpu" && (k->name == "naive" || k->name == "loop-reorder")) {
                ++done;
                continue;
            }
            report.matmul.push_back(bench_step(backend, *k, n, options, progress, done, total, ref.get(n)));
            progress.step(++done, total, "");
        }
    report.notes.push_back(
        "Each run sits at its algorithmic intensity, 2mnk flops over 4(mk + kn + mn) bytes: every matrix moved "
        "once. Kernels that re-read memory do more traffic than that.");
    return report;
}

LabReport run_lab(const std::string& lab, MatmulBackend& backend, MatmulBackend* cpu, const LabOptions& options,
                  const LabProgress& progress) {
    const LabInfo* info = find_lab(lab == "bench" ? "matmul" : lab);
    if (!info || !info->run) return stopped(new_report(lab.c_str(), backend), "There is no lab named '" + lab + "'.");
    if (info->needs_cpu_too && !cpu)
        return stopped(new_report(lab.c_str(), backend), "The " + info->id + " lab needs the CPU backend as well as a GPU one.");
    return info->run(backend, cpu, options, progress);
}

}  // namespace dojo
