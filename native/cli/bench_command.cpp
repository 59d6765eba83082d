// The bench subcommand: picks backends and kernels, runs the harness with a progress bar on
// stderr (Ctrl+C stops between runs), and reports.
#include "bench_command.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "compute/cpu/cpu_backend.h"
#include "compute/matmul.h"
#include "hardware/cpu_probe.h"
#ifdef DOJO_HAVE_VULKAN_MATMUL
#include "compute/vulkan/vulkan_matmul.h"
#endif

namespace dojo {

namespace {

std::atomic<bool> g_cancel{false};
extern "C" void on_interrupt(int) { g_cancel = true; }

bool parse_size(const std::string& text, int& m, int& n, int& k) {
    char tail = 0;
    if (std::sscanf(text.c_str(), "%d,%d,%d%c", &m, &n, &k, &tail) == 3) return m > 0 && n > 0 && k > 0 && m <= 65536 && n <= 65536 && k <= 65536;
    if (std::sscanf(text.c_str(), "%d%c", &m, &tail) == 1) {
        n = k = m;
        return m > 0 && m <= 65536;
    }
    return false;
}

void progress_bar(const std::string& label, int done, int total) {
    if (!isatty(STDERR_FILENO)) return;
    const int width = 24, filled = total > 0 ? width * done / total : width;
    std::fprintf(stderr, "\r%-32.32s [%.*s%*s] %d/%d", label.c_str(), filled, "########################", width - filled, "", done, total);
    if (done == total) std::fprintf(stderr, "\r%*s\r", 70, "");
    std::fflush(stderr);
}

}  // namespace

int run_bench(const BenchCommand& cmd) {
    int m = 0, n = 0, k = 0;
    if (!parse_size(cmd.size, m, n, k)) {
        std::fprintf(stderr, "dojo bench: error: --size '%s' must be N or M,N,K with values from 1 to 65536\n", cmd.size.c_str());
        return 2;
    }
    if (cmd.dtype != "fp32") {
        std::fprintf(stderr, "dojo bench: error: --dtype %s is not available yet; this version measures fp32\n", cmd.dtype.c_str());
        return 2;
    }
    if (cmd.repetitions < 1 || cmd.repetitions > 1000 || cmd.warmup < 0 || cmd.warmup > 100) {
        std::fprintf(stderr, "dojo bench: error: --reps must be 1 to 1000 and --warmup 0 to 100\n");
        return 2;
    }

    std::vector<std::unique_ptr<MatmulBackend>> backends;
    const bool all = cmd.backend == "all";
    if (all || cmd.backend == "cpu") {
        const CpuInfo cpu = probe_cpu();
        backends.push_back(std::make_unique<CpuBackend>(cpu.model.empty() ? "CPU" : cpu.model));
    }
    if (all || cmd.backend == "vulkan") {
#ifdef DOJO_HAVE_VULKAN_MATMUL
        auto vk = std::make_unique<VulkanMatmulBackend>();
        if (!vk->ok()) {
            std::fprintf(stderr, "dojo bench: %s: no usable Vulkan device: %s\n", all ? "note" : "error", vk->error().c_str());
            if (!all) return 4;
        } else {
            backends.push_back(std::move(vk));
        }
#else
        if (!all) {
            std::fprintf(stderr, "dojo bench: error: this build has no Vulkan backend (the Vulkan headers or glslc were missing)\n");
            return 3;
        }
#endif
    }
    if (cmd.backend == "cuda") {
        std::fprintf(stderr, "dojo bench: error: the CUDA matrix-multiply ladder is not in this version yet; `dojo check` tests the GPU\n");
        return 3;
    }
    if (!all && cmd.backend != "cpu" && cmd.backend != "vulkan") {
        std::fprintf(stderr, "dojo bench: error: unknown backend '%s' (expected cpu, vulkan, cuda or all)\n", cmd.backend.c_str());
        return 2;
    }

    std::signal(SIGINT, on_interrupt);
    const Matrix a = random_matrix(m, k, 1), b = random_matrix(k, n, 2);
    const Matrix reference = reference_matmul(a, b);
    std::vector<BenchResult> results;
    bool any_kernel = false, failed = false;
    for (auto& backend : backends) {
        for (const KernelInfo& kernel : backend->kernels()) {
            const bool wanted = cmd.kernels.empty() || std::find(cmd.kernels.begin(), cmd.kernels.end(), "all") != cmd.kernels.end() ||
                                std::find(cmd.kernels.begin(), cmd.kernels.end(), kernel.name) != cmd.kernels.end();
            if (!wanted || g_cancel) continue;
            any_kernel = true;
            BenchOptions options;
            options.warmup = cmd.warmup;
            options.repetitions = cmd.repetitions;
            options.cancel = &g_cancel;
            const std::string label = backend->name() + " " + kernel.name;
            options.progress = [&](int done, int total) { progress_bar(label, done, total); };
            results.push_back(bench_matmul(*backend, kernel, m, n, k, options, &reference));
            failed |= !results.back().passed;
        }
    }
    if (!any_kernel) {
        std::fprintf(stderr, "dojo bench: error: no kernel matches --kernel; `dojo bench --backend %s --kernel all` lists them\n", cmd.backend.c_str());
        return 2;
    }

    if (cmd.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& r : results) out.push_back(to_json(r));
        std::printf("%s\n", out.dump(2).c_str());
    } else if (cmd.csv) {
        std::printf("%s\n", csv_header().c_str());
        for (const auto& r : results) std::printf("%s\n", to_csv(r).c_str());
    } else {
        std::printf("%-7s %-24s %-16s %-16s %11s %10s %10s  %s\n", "backend", "device", "kernel", "m x n x k", "median ms", "GFLOP/s", "max error", "status");
        for (const auto& r : results) {
            const std::string shape = std::to_string(r.m) + "x" + std::to_string(r.n) + "x" + std::to_string(r.k);
            char gf[32];
            std::snprintf(gf, sizeof gf, r.passed ? "%.1f" : "-", r.gflops);
            std::printf("%-7s %-24.24s %-16s %-16s %11.3f %10s %10.2e  %s\n", r.backend.c_str(), r.device.c_str(), r.kernel.c_str(),
                        shape.c_str(), r.median_ms, gf, r.max_rel_error, r.passed ? "ok" : ("FAILED: " + r.error).c_str());
        }
    }
    if (g_cancel) {
        std::fprintf(stderr, "dojo bench: stopped by Ctrl+C; the results above are complete runs only\n");
        return 130;
    }
    return failed ? 1 : 0;
}

}  // namespace dojo
