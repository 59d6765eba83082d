// dojo_matmul_bench: the CPU matmul ladder through the real harness (bench_matmul: warm-up, median,
// checked result) at the sizes given (default 1024 2048), with each rung's share of OpenBLAS.
// Usage: dojo_matmul_bench [size...]. Naive runs once, unwarmed: at 2048 one run takes tens of seconds.
// Debian's OpenBLAS 0.3.21 may not recognise a recent CPU's AVX-512 and fall back to its AVX2 kernels
// (OPENBLAS_VERBOSE=2 prints "Core: Haswell"); OPENBLAS_CORETYPE=SkylakeX gives it its AVX-512 ones,
// the fair baseline on such a machine.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "compute/cpu/cpu_backend.h"
#include "compute/matmul.h"

int main(int argc, char** argv) {
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty()) sizes = {1024, 2048};
    dojo::CpuBackend cpu;
    std::printf("device: %s\n", cpu.device().c_str());
    bool all_passed = true;
    for (int n : sizes) {
        if (n <= 0) {
            std::fprintf(stderr, "error: size must be positive\n");
            return 2;
        }
        // One reference per size, shared by every rung (bench_matmul's inputs are seeds 1 and 2).
        const dojo::Matrix ref = dojo::reference_matmul(dojo::random_matrix(n, n, 1), dojo::random_matrix(n, n, 2));
        std::vector<dojo::BenchResult> results;
        double blas = 0, best_own = 0;
        std::string best_name;
        for (const dojo::KernelInfo& k : cpu.kernels()) {
            dojo::BenchOptions opt;
            if (k.name == "naive") opt.warmup = 0, opt.repetitions = 1;
            dojo::BenchResult r = dojo::bench_matmul(cpu, k, n, n, n, opt, &ref);
            all_passed = all_passed && r.passed;
            if (k.reference)
                blas = std::max(blas, r.gflops);
            else if (r.gflops > best_own)
                best_own = r.gflops, best_name = k.name;
            results.push_back(r);
        }
        std::printf("\n%d x %d x %d\n%-16s %10s %10s %10s %10s  %s\n", n, n, n, "kernel", "median ms", "min ms", "GFLOP/s",
                    "% OpenBLAS", "error");
        for (const dojo::BenchResult& r : results)
            std::printf("%-16s %10.2f %10.2f %10.1f %9.1f%%  %.2g%s%s\n", r.kernel.c_str(), r.median_ms, r.min_ms, r.gflops,
                        blas > 0 ? 100.0 * r.gflops / blas : 0.0, r.max_rel_error, r.passed ? "" : "  FAILED: ", r.error.c_str());
        if (blas > 0)
            std::printf("best hand-written: %s at %.1f%% of OpenBLAS (goal: 80%%)\n", best_name.c_str(), 100.0 * best_own / blas);
    }
    return all_passed ? 0 : 1;
}
