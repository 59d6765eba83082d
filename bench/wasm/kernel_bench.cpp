// dojo_kernel_bench: the CPU ladder's portable rungs through the real harness (bench_matmul: warm-up,
// median, result checked), one JSON line per rung and size. The same source builds natively and, with
// emcc -msimd128, for node, so scripts/wasm_kernel_bench.sh can set WebAssembly SIMD against native SSE.
// Usage: dojo_kernel_bench [--reps N] [--kernels a,b,...] [size...]   (default: 256 512 1024)
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compute/cpu/cpu_backend.h"
#include "compute/matmul.h"

namespace {

// Which code the timings belong to; the script pairs lines by kernel and size across builds.
const char* build_name() {
#if defined(__EMSCRIPTEN__) && defined(__wasm_simd128__)
    return "wasm-simd128";
#elif defined(__EMSCRIPTEN__)
    return "wasm";
#else
    return "native";
#endif
}

std::vector<std::string> split(const std::string& list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = list.find(',', start);
        const std::size_t end = comma == std::string::npos ? list.size() : comma;
        if (end > start) out.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

int usage() {
    std::fprintf(stderr, "usage: dojo_kernel_bench [--reps N] [--kernels naive,loop-reorder,...] [size...]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    // The rungs that exist in both builds: the ones past simd-128 need AVX or threads.
    std::vector<std::string> kernels = {"naive", "loop-reorder", "cache-blocked", "simd-128"};
    std::vector<int> sizes;
    int reps = 5;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--reps" && i + 1 < argc) {
            reps = std::atoi(argv[++i]);
            if (reps <= 0) return usage();
        } else if (arg == "--kernels" && i + 1 < argc) {
            kernels = split(argv[++i]);
        } else if (std::atoi(arg.c_str()) > 0) {
            sizes.push_back(std::atoi(arg.c_str()));
        } else {
            return usage();
        }
    }
    if (sizes.empty()) sizes = {256, 512, 1024};

    dojo::CpuBackend cpu;
    const std::vector<dojo::KernelInfo> available = cpu.kernels();
    bool all_passed = true;
    for (int n : sizes) {
        // One reference per size, shared by every rung (bench_matmul's inputs are seeds 1 and 2).
        const dojo::Matrix ref = dojo::reference_matmul(dojo::random_matrix(n, n, 1), dojo::random_matrix(n, n, 2));
        for (const std::string& name : kernels) {
            dojo::BenchResult r;
            const dojo::KernelInfo* info = nullptr;
            for (const dojo::KernelInfo& k : available)
                if (k.name == name) info = &k;
            if (info) {
                dojo::BenchOptions opt;
                opt.repetitions = reps;
                // A WebAssembly engine compiles a quick baseline first and swaps in optimized code only
                // for later calls, so the timed runs need two warm-ups to see the code a page would run.
                opt.warmup = 2;
                // Naive takes seconds per run at 1024 and up: one unwarmed run says enough there.
                if (name == "naive" && n >= 1024) opt.warmup = 0, opt.repetitions = 1;
                r = dojo::bench_matmul(cpu, *info, n, n, n, opt, &ref);
            } else {
                r.kernel = name;
                r.n = n;
                r.error = "this build has no '" + name + "' rung";
            }
            all_passed = all_passed && r.passed;
            nlohmann::json line = {{"build", build_name()},
                                   {"kernel", r.kernel},
                                   {"n", n},
                                   {"repetitions", r.repetitions},
                                   {"median_ms", r.median_ms},
                                   {"min_ms", r.min_ms},
                                   {"max_ms", r.max_ms},
                                   {"gflops", r.gflops},
                                   {"passed", r.passed},
                                   {"max_rel_error", r.max_rel_error},
                                   {"error", r.error}};
            std::printf("%s\n", line.dump().c_str());
            std::fflush(stdout);
        }
    }
    return all_passed ? 0 : 1;
}
