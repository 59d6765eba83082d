// Rung 1, naive: one thread per element of C, with consecutive threads of a warp on consecutive
// *rows* of C, so their loads of A and stores of C are 4*k and 4*n bytes apart: no coalescing.
#include "kernels.h"

namespace dojo::cuda_kernels {

namespace {

constexpr int kBlock = 32;

__global__ void naive_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int m, int n,
                             int k) {
    const int row = blockIdx.x * kBlock + threadIdx.x;  // threadIdx.x walks down a column: the slow way
    const int col = blockIdx.y * kBlock + threadIdx.y;
    if (row >= m || col >= n) return;
    float sum = 0.0f;
    for (int p = 0; p < k; ++p) sum += a[static_cast<std::size_t>(row) * k + p] * b[static_cast<std::size_t>(p) * n + col];
    c[static_cast<std::size_t>(row) * n + col] = sum;
}

}  // namespace

cudaError_t launch_naive(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream) {
    const long long gx = blocks_for(m, kBlock), gy = blocks_for(n, kBlock);
    if (!grid_fits(gx, gy)) return cudaErrorInvalidConfiguration;
    naive_kernel<<<dim3(static_cast<unsigned>(gx), static_cast<unsigned>(gy)), dim3(kBlock, kBlock), 0, stream>>>(a, b, c, m, n,
                                                                                                                  k);
    return cudaGetLastError();
}

}  // namespace dojo::cuda_kernels
