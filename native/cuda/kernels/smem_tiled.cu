// Rung 3, shared-memory tiles: a 32x32 block of threads loads a 32x32 tile of A and of B into
// shared memory, then every thread reads its row and column from there, so each value fetched from
// device memory serves 32 multiply-adds. Edge tiles are filled with zeros, so any size works.
#include "kernels.h"

namespace dojo::cuda_kernels {

namespace {

constexpr int kTile = 32;

__global__ void smem_tiled_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int m, int n,
                                  int k) {
    __shared__ float a_tile[kTile][kTile];
    __shared__ float b_tile[kTile][kTile];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int row = blockIdx.y * kTile + ty;
    const int col = blockIdx.x * kTile + tx;
    float sum = 0.0f;
    for (int t = 0; t < k; t += kTile) {
        // Every thread loads one value of each tile (zero outside the matrices) and all of them
        // take part in both barriers, even those whose element of C is outside.
        a_tile[ty][tx] = (row < m && t + tx < k) ? a[static_cast<std::size_t>(row) * k + (t + tx)] : 0.0f;
        b_tile[ty][tx] = (t + ty < k && col < n) ? b[static_cast<std::size_t>(t + ty) * n + col] : 0.0f;
        __syncthreads();
#pragma unroll
        for (int p = 0; p < kTile; ++p) sum += a_tile[ty][p] * b_tile[p][tx];
        __syncthreads();
    }
    if (row < m && col < n) c[static_cast<std::size_t>(row) * n + col] = sum;
}

}  // namespace

cudaError_t launch_smem_tiled(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream) {
    const long long gx = blocks_for(n, kTile), gy = blocks_for(m, kTile);
    if (!grid_fits(gx, gy)) return cudaErrorInvalidConfiguration;
    smem_tiled_kernel<<<dim3(static_cast<unsigned>(gx), static_cast<unsigned>(gy)), dim3(kTile, kTile), 0, stream>>>(a, b, c, m,
                                                                                                                     n, k);
    return cudaGetLastError();
}

}  // namespace dojo::cuda_kernels
