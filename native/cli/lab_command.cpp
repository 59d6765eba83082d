// The bench and lab subcommands: choose backends, run a lab from engine/labs/lab_runner.h with a
// progress bar, print what it found, and turn what went wrong into a documented exit code.
#include "lab_command.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <nlohmann/json.hpp>

#include "labs/backends.h"
#include "labs/lab_catalog.h"
#include "labs/lab_report.h"
#include "labs/lab_runner.h"
#include "labs/quantity_format.h"

namespace dojo {

namespace {

std::atomic<bool> g_cancel{false};
extern "C" void on_interrupt(int) {
    g_cancel = true;
}

void progress_bar(const std::string& what, int done, int total) {
    if (!isatty(STDERR_FILENO)) return;
    static std::string last_what;
    if (!what.empty()) last_what = what;
    const int width = 24, filled = total > 0 ? std::min(width, width * done / total) : width;
    std::fprintf(stderr, "\r%-40.40s [%.*s%*s] %d/%d", last_what.c_str(), filled, "########################", width - filled, "",
                 done, total);
    if (done >= total) std::fprintf(stderr, "\r%*s\r", 80, "");
    std::fflush(stderr);
}

// "N" or "M,N,K", each checked as the matmul lab's size parameter.
bool parse_shape(const std::string& text, int& m, int& n, int& k, const LabInfo& matmul) {
    char tail = 0;
    auto fits = [&](int v) { return check_lab_param(matmul, "size", std::to_string(v)).empty(); };
    if (std::sscanf(text.c_str(), "%d,%d,%d%c", &m, &n, &k, &tail) == 3) return fits(m) && fits(n) && fits(k);
    if (std::sscanf(text.c_str(), "%d%c", &m, &tail) == 1) {
        n = k = m;
        return fits(m);
    }
    return false;
}

// A parameter's error with its command-line option in front: "--max-size '12Q' must be ...".
std::string as_option(const std::string& name, const std::string& error) {
    std::string option = "--" + name;
    std::replace(option.begin(), option.end(), '_', '-');
    return option + error.substr(name.size());
}

std::string bytes_text(std::uint64_t b) {
    return format_bytes(static_cast<double>(b));
}

int exit_code_of(const LabReport& r) {
    switch (lab_outcome(r)) {
        case LabOutcome::Ok:
            return exit_codes::kOk;
        case LabOutcome::Failed:
            return exit_codes::kFailed;
        case LabOutcome::OutOfMemory:
            return exit_codes::kOutOfMemory;
        case LabOutcome::DeviceLost:
            return exit_codes::kDeviceLost;
    }
    return exit_codes::kFailed;
}

void print_matmul_table(const std::vector<BenchResult>& results) {
    if (results.empty()) return;
    std::printf("%-7s %-24s %-16s %-5s %-16s %11s %11s %10s %10s  %s\n", "backend", "device", "kernel", "dtype", "m x n x k",
                "median ms", "wall ms", "GFLOP/s", "max error", "status");
    for (const auto& r : results) {
        const std::string shape = std::to_string(r.m) + "x" + std::to_string(r.n) + "x" + std::to_string(r.k);
        char gf[32];
        std::snprintf(gf, sizeof gf, r.passed ? "%.1f" : "-", r.gflops);
        std::printf("%-7s %-24.24s %-16s %-5s %-16s %11.3f %11.3f %10s %10.2e  %s\n", r.backend.c_str(), r.device.c_str(),
                    r.kernel.c_str(), r.dtype.c_str(), shape.c_str(), r.median_ms, r.wall_median_ms, gf, r.max_rel_error,
                    r.passed ? (r.error_sampled ? "ok (sampled check)" : "ok") : ("FAILED: " + r.error).c_str());
    }
}

void print_report(const LabReport& r) {
    std::printf("%s on %s\n", r.lab.c_str(), r.device.c_str());
    if (r.lab == "transfer" && !r.transfers.empty()) {
        std::printf("%-15s %-9s %12s %11s %10s\n", "direction", "memory", "size", "median ms", "GB/s");
        for (const auto& t : r.transfers)
            std::printf("%-15s %-9s %12s %11.4f %10.2f\n", t.direction.c_str(), t.memory.c_str(), bytes_text(t.bytes).c_str(),
                        t.median_ms, t.gbps);
    } else if (r.lab == "crossover" && r.crossover) {
        const auto& c = *r.crossover;
        std::printf("%6s %14s %16s %16s  %s\n", "n", ("cpu " + c.cpu_kernel).c_str(), "gpu total ms", "gpu kernel ms", "faster");
        for (const auto& p : c.points)
            std::printf("%6d %14.3f %16.3f %16.3f  %s\n", p.n, p.cpu_ms, p.gpu_total_ms, p.gpu_kernel_ms,
                        p.gpu_wins ? "GPU" : "CPU");
    } else if (r.lab == "vram" && r.vram) {
        const auto& v = *r.vram;
        std::printf("device memory     %s\n", bytes_text(v.total_bytes).c_str());
        if (v.free_known) std::printf("free at start     %s\n", bytes_text(v.free_before).c_str());
        std::printf("allocated         %s in %d chunks of %s%s\n", bytes_text(v.allocated_bytes).c_str(), v.chunks,
                    bytes_text(v.chunk_bytes).c_str(),
                    v.limit_bytes ? (" (limit " + bytes_text(v.limit_bytes) + ")").c_str() : "");
        if (v.hit_wall)
            std::printf("the wall          %s: %s\n", v.error_code.c_str(), v.error_message.c_str());
        else
            std::printf("the wall          not reached: the limit stopped the run first\n");
        std::printf("memory returned   %s: %s\n", v.memory_returned ? "yes" : "NO", v.returned_how.c_str());
        std::printf("what fixes out-of-memory:\n");
        for (const auto& f : v.fixes) std::printf("  - %s\n", f.c_str());
    } else if (r.lab == "roofline" && r.roofline) {
        std::printf("peak FP32 FMA     %.1f GFLOP/s\nmemory bandwidth  %.1f GB/s\nridge point       %.2f flops per byte\n",
                    r.roofline->peak_gflops, r.roofline->bandwidth_gbps, r.roofline->ridge_intensity);
        std::printf("%-16s %-12s %14s %10s %9s  %s\n", "kernel", "size", "flops/byte", "GFLOP/s", "of roof", "bound by");
        for (const auto& m : r.matmul) {
            if (!m.passed) continue;
            const double ai = matmul_intensity(m.m, m.n, m.k);
            const double roof = std::min(r.roofline->peak_gflops, ai * r.roofline->bandwidth_gbps);
            std::printf("%-16s %-12s %14.1f %10.1f %8.0f%%  %s\n", m.kernel.c_str(), (std::to_string(m.m) + "^3").c_str(), ai,
                        m.gflops, roof > 0 ? 100 * m.gflops / roof : 0, ai < r.roofline->ridge_intensity ? "memory" : "compute");
        }
    }
    if (r.lab == "bench" || r.lab == "precision") {
        print_matmul_table(r.matmul);
        if (r.lab == "precision")
            for (const auto& m : r.matmul) {
                const int bytes = m.dtype == "fp32" ? 4 : m.dtype == "tf32" ? 4 : 2;
                std::printf("  %-5s %d bytes per value: one %dx%d matrix is %s\n", m.dtype.c_str(), bytes, m.m, m.k,
                            bytes_text(static_cast<std::uint64_t>(bytes) * m.m * m.k).c_str());
            }
    }
    for (const auto& note : r.notes) std::printf("note: %s\n", note.c_str());
    std::printf("%s\n", lab_headline(r).c_str());
}

struct Opened {
    std::unique_ptr<MatmulBackend> backend;
    int code = exit_codes::kOk;
    std::string error;  // why not, when backend is null
};

Opened open_or_explain(const std::string& name, const char* cmd, bool quiet_missing) {
    Opened o;
    OpenedBackend b = open_backend(name);
    switch (b.status) {
        case BackendOpen::Ok:
            o.backend = std::move(b.backend);
            return o;
        case BackendOpen::NotBuilt:
            o.code = exit_codes::kNotBuilt;
            break;
        case BackendOpen::NoDevice:
            o.code = exit_codes::kNoDevice;
            break;
        case BackendOpen::Unknown:
            o.code = exit_codes::kUsage;
            break;
    }
    o.error = b.error;
    if (!quiet_missing) std::fprintf(stderr, "dojo %s: error: %s\n", cmd, b.error.c_str());
    return o;
}

// The GPU a lab uses when none is named: CUDA, then Vulkan.
Opened first_gpu(const char* cmd) {
    Opened cuda = open_or_explain("cuda", cmd, true);
    if (cuda.backend) return cuda;
    Opened vk = open_or_explain("vulkan", cmd, true);
    if (vk.backend) return vk;
    std::fprintf(stderr, "dojo %s: error: no GPU found: no CUDA device and no Vulkan device answered. `dojo check` says why.\n",
                 cmd);
    vk.code = exit_codes::kNoDevice;
    return vk;
}

}  // namespace

int run_lab_command(const LabCommand& cmd) {
    const std::string name = cmd.lab == "bench" ? "bench" : "lab " + cmd.lab;
    const char* who = name.c_str();
    auto usage = [&](const std::string& message) {
        std::fprintf(stderr, "dojo %s: error: %s\n", who, message.c_str());
        return exit_codes::kUsage;
    };
    if (cmd.repetitions < 1 || cmd.repetitions > 1000 || cmd.warmup < 0 || cmd.warmup > 100)
        return usage("--reps must be 1 to 1000 and --warmup 0 to 100");
    if (cmd.json && cmd.csv) return usage("--json and --csv cannot be used together");

    const LabInfo* info = find_lab(cmd.lab == "bench" ? "matmul" : cmd.lab);
    if (!info || !info->run || (cmd.lab != "bench" && info->cli != "dojo lab " + cmd.lab)) {
        std::string known;
        for (const auto& l : lab_catalog())
            if (l.cli.starts_with("dojo lab ")) known += (known.empty() ? "" : ", ") + l.id;
        return usage("unknown lab '" + cmd.lab + "' (expected " + known + ")");
    }
    LabOptions options;
    options.repetitions = cmd.repetitions;
    options.warmup = cmd.warmup;
    options.kernels = cmd.kernels;
    for (int s : cmd.sizes)
        if (std::string error = apply_lab_param(*info, "sizes", std::to_string(s), options); !error.empty())
            return usage(as_option("sizes", error));
    const std::pair<const char*, const std::string*> byte_options[] = {
        {"max_size", &cmd.max_size}, {"limit", &cmd.limit}, {"chunk", &cmd.chunk}};
    for (const auto& [param, value] : byte_options)
        if (!value->empty())
            if (std::string error = apply_lab_param(*info, param, *value, options); !error.empty())
                return usage(as_option(param, error));

    std::vector<Opened> backends;
    if (cmd.lab == "bench") {
        if (!cmd.size.empty() && !parse_shape(cmd.size, options.m, options.n, options.k, *info))
            return usage("--size '" + cmd.size + "' must be N or M,N,K with values from 1 to " +
                         std::to_string(static_cast<int>(info->param("size")->max)));
        if (cmd.size.empty()) options.m = options.n = options.k = 512;
        if (std::string error = apply_lab_param(*info, "dtype", cmd.dtype, options); !error.empty())
            return usage(as_option("dtype", error));
        const std::string backend = cmd.backend.empty() ? "cpu" : cmd.backend;
        if (backend == "all") {
            for (const std::string& b : backend_names()) {
                Opened o = open_or_explain(b, who, true);
                if (o.backend)
                    backends.push_back(std::move(o));
                else
                    std::fprintf(stderr, "dojo bench: note: skipping %s: %s\n", b.c_str(), o.error.c_str());
            }
        } else {
            Opened o = open_or_explain(backend, who, false);
            if (!o.backend) return o.code;
            backends.push_back(std::move(o));
        }
    } else {
        const bool gpu_only = info->gpu == GpuUse::Required;
        if (gpu_only && cmd.backend == "cpu")
            return usage("the " + cmd.lab + " lab needs a GPU backend (cuda or vulkan): the CPU has no device memory of its own");
        Opened o;
        if (!cmd.backend.empty())
            o = open_or_explain(cmd.backend, who, false);
        else if (gpu_only)
            o = first_gpu(who);
        else {
            o = open_or_explain("cuda", who, true);
            if (!o.backend) o = open_or_explain("cpu", who, false);
        }
        if (!o.backend) return o.code;
        backends.push_back(std::move(o));
    }

    std::signal(SIGINT, on_interrupt);
    LabProgress progress;
    progress.cancel = &g_cancel;
    progress.report = [](int done, int total, const std::string& what) { progress_bar(what, done, total); };

    std::vector<LabReport> reports;
    std::unique_ptr<MatmulBackend> cpu;
    for (auto& o : backends) {
        if (g_cancel) break;
        MatmulBackend& b = *o.backend;
        if (info->needs_cpu_too && !cpu) cpu = open_backend("cpu").backend;
        LabReport r = run_lab(cmd.lab, b, cpu.get(), options, progress);
        r.machine = this_machine(b.name() == "cpu" ? "" : b.device());
        if (r.lab == "bench" && r.matmul.empty() && !r.cancelled)
            return usage("no kernel matches --kernel and --dtype; `dojo bench --backend " + b.name() +
                         " --dtype all` runs them all");
        reports.push_back(std::move(r));
    }

    if (cmd.json) {
        if (reports.size() == 1)
            std::printf("%s\n", lab_report_to_json(reports.front()).c_str());
        else {
            nlohmann::json all = nlohmann::json::array();
            for (const auto& r : reports) all.push_back(to_json(r));
            std::printf("%s\n", all.dump(2).c_str());
        }
    } else if (cmd.csv) {
        for (std::size_t i = 0; i < reports.size(); ++i) {
            std::string csv = lab_report_to_csv(reports[i]);
            if (i > 0 && cmd.lab == "bench") csv = csv.substr(csv.find('\n') + 1);  // one header for all backends
            std::printf("%s", csv.c_str());
        }
    } else {
        for (const auto& r : reports) print_report(r);
    }
    if (g_cancel) {
        std::fprintf(stderr, "dojo %s: stopped by Ctrl+C; the results above are complete measurements only\n", who);
        return exit_codes::kInterrupted;
    }
    int code = exit_codes::kOk;
    for (const auto& r : reports) {
        const int c = exit_code_of(r);
        if (c == exit_codes::kDeviceLost) return c;  // the one that matters most: the device needs attention
        code = std::max(code, c);
    }
    return code;
}

}  // namespace dojo
