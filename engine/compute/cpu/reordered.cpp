// Rung 2: the same arithmetic in i-p-j order, so the inner loop reads B and writes C along rows:
// every cache line is used whole, and the compiler can vectorize the inner loop.
#include "compute/cpu/cpu_kernels.h"

#include <cstddef>

namespace dojo::cpu {

void matmul_reordered(const float* a, const float* b, float* c, int m, int n, int k) {
    const std::size_t N = static_cast<std::size_t>(n), K = static_cast<std::size_t>(k);
    for (std::size_t i = 0; i < static_cast<std::size_t>(m); ++i) {
        float* crow = c + i * N;
        for (std::size_t j = 0; j < N; ++j) crow[j] = 0;
        for (std::size_t p = 0; p < K; ++p) {
            const float aip = a[i * K + p];
            const float* brow = b + p * N;
            for (std::size_t j = 0; j < N; ++j) crow[j] += aip * brow[j];
        }
    }
}

}  // namespace dojo::cpu
