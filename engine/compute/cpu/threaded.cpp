// Rung 5: the best single-thread kernel this CPU runs, on every hardware thread at once, each thread
// multiplying its own block of rows of A into its own rows of C (no sharing, so no locks).
#include <algorithm>
#include <thread>
#include <vector>

#include "compute/cpu/cpu_kernels.h"

namespace dojo::cpu {

KernelFn best_single_thread_kernel() {
#if defined(DOJO_CPU_X86_KERNELS)
    if (__builtin_cpu_supports("avx512f")) return matmul_avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return matmul_avx2;
#endif
#if defined(DOJO_CPU_SIMD128)
    return matmul_simd128;  // the browser's best, and any x86-64's without AVX2
#else
    return matmul_blocked;
#endif
}

void matmul_threaded(const float* a, const float* b, float* c, int m, int n, int k) {
    const KernelFn kernel = best_single_thread_kernel();
    // Blocks of whole 16-row groups, so each thread's edge tiles are few; tiny problems use one thread.
    const int threads = std::max(1, std::min(static_cast<int>(std::thread::hardware_concurrency()), (m + 15) / 16));
    const int rows_per = (m + threads - 1) / threads;
    std::vector<std::thread> pool;
    auto join_all = [&pool] {
        for (std::thread& th : pool) th.join();
    };
    try {
        for (int t = 1; t < threads; ++t) {
            const int r0 = t * rows_per, r1 = std::min(m, r0 + rows_per);
            if (r0 >= r1) break;
            pool.emplace_back(kernel, a + static_cast<std::size_t>(r0) * static_cast<std::size_t>(k), b,
                              c + static_cast<std::size_t>(r0) * static_cast<std::size_t>(n), r1 - r0, n, k);
        }
        kernel(a, b, c, std::min(m, rows_per), n, k);  // this thread takes the first block
    } catch (...) {
        join_all();  // a thread that failed to start (or bad_alloc here) must not leave running ones unjoined
        throw;
    }
    join_all();
}

}  // namespace dojo::cpu
