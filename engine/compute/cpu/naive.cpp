// Rung 1: the textbook triple loop, i-j-p. The inner loop walks B down a column, n floats apart.
#include "compute/cpu/cpu_kernels.h"

#include <cstddef>

namespace dojo::cpu {

void matmul_naive(const float* a, const float* b, float* c, int m, int n, int k) {
    const std::size_t N = static_cast<std::size_t>(n), K = static_cast<std::size_t>(k);
    for (std::size_t i = 0; i < static_cast<std::size_t>(m); ++i)
        for (std::size_t j = 0; j < N; ++j) {
            float sum = 0;
            for (std::size_t p = 0; p < K; ++p) sum += a[i * K + p] * b[p * N + j];
            c[i * N + j] = sum;
        }
}

}  // namespace dojo::cpu
