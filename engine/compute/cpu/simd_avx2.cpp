// Rung 4a: the packed GEMM with a 6 x 16 AVX2 + FMA microkernel: 12 ymm accumulators (of 16) hold the
// C tile for the whole K loop, so each broadcast of A feeds two 8-wide FMAs and C never touches memory.
// Compiled with -mavx2 -mfma; called only where __builtin_cpu_supports("avx2") and ("fma").
#include <immintrin.h>

#include "compute/cpu/cpu_kernels.h"
#include "compute/cpu/packed_gemm.h"

namespace dojo::cpu {

namespace {

constexpr int kMR = 6, kNR = 16;

void micro_6x16(int kc, const float* a, const float* b, float* c, std::size_t ldc, bool accumulate) {
    __m256 lo[kMR], hi[kMR];
#pragma GCC unroll 6
    for (int i = 0; i < kMR; ++i) lo[i] = hi[i] = _mm256_setzero_ps();
    for (int p = 0; p < kc; ++p) {
        const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
#pragma GCC unroll 6
        for (int i = 0; i < kMR; ++i) {
            const __m256 ai = _mm256_broadcast_ss(a + i);
            lo[i] = _mm256_fmadd_ps(ai, b0, lo[i]);
            hi[i] = _mm256_fmadd_ps(ai, b1, hi[i]);
        }
        a += kMR;
        b += kNR;
    }
#pragma GCC unroll 6
    for (int i = 0; i < kMR; ++i) {
        float* row = c + static_cast<std::size_t>(i) * ldc;
        if (accumulate) {
            lo[i] = _mm256_add_ps(lo[i], _mm256_loadu_ps(row));
            hi[i] = _mm256_add_ps(hi[i], _mm256_loadu_ps(row + 8));
        }
        _mm256_storeu_ps(row, lo[i]);
        _mm256_storeu_ps(row + 8, hi[i]);
    }
}

}  // namespace

void matmul_avx2(const float* a, const float* b, float* c, int m, int n, int k) {
    // KC x NR of B = 16 KiB (L1), MC x KC of A = 144 KiB (L2), KC x NC of B = 2 MiB (L3).
    packed_gemm<kMR, kNR, 6 * 24, 256, 2048>(a, b, c, m, n, k, micro_6x16);
}

}  // namespace dojo::cpu

namespace dojo::cpu {

// Peak FMA throughput probe: 12 independent chains of 8 lanes (see fma_chains_avx512).
float fma_chains_avx2(long iterations) {
    __m256 acc[12];
    const __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
    for (int i = 0; i < 12; ++i) acc[i] = _mm256_set1_ps(static_cast<float>(i));
    for (long it = 0; it < iterations; ++it)
#pragma GCC unroll 12
        for (int i = 0; i < 12; ++i) acc[i] = _mm256_fmadd_ps(acc[i], x, y);
    __m256 sum = acc[0];
    for (int i = 1; i < 12; ++i) sum = _mm256_add_ps(sum, acc[i]);
    float lanes[8];
    _mm256_storeu_ps(lanes, sum);
    float total = 0;
    for (float v : lanes) total += v;
    return total;
}

}  // namespace dojo::cpu
