// Rung 3: i-p-j order inside tiles, so one tile of B (kTileK x kTileN floats, 64 KiB) stays in L2
// while every row of A passes over it, instead of streaming all of B from memory once per row.
#include "compute/cpu/cpu_kernels.h"

#include <algorithm>
#include <cstddef>

namespace dojo::cpu {

namespace {
constexpr int kTileK = 64;   // rows of B per tile
constexpr int kTileN = 256;  // columns of B per tile: one C row segment is 1 KiB, in L1
}  // namespace

void matmul_blocked(const float* a, const float* b, float* c, int m, int n, int k) {
    const std::size_t N = static_cast<std::size_t>(n), K = static_cast<std::size_t>(k);
    std::fill(c, c + static_cast<std::size_t>(m) * N, 0.0f);
    for (int j0 = 0; j0 < n; j0 += kTileN) {
        const std::size_t j1 = static_cast<std::size_t>(std::min(n, j0 + kTileN));
        for (int p0 = 0; p0 < k; p0 += kTileK) {
            const std::size_t p1 = static_cast<std::size_t>(std::min(k, p0 + kTileK));
            for (std::size_t i = 0; i < static_cast<std::size_t>(m); ++i) {
                float* crow = c + i * N;
                for (std::size_t p = static_cast<std::size_t>(p0); p < p1; ++p) {
                    const float aip = a[i * K + p];
                    const float* brow = b + p * N;
                    for (std::size_t j = static_cast<std::size_t>(j0); j < j1; ++j) crow[j] += aip * brow[j];
                }
            }
        }
    }
}

}  // namespace dojo::cpu
