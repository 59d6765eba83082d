// Rung 2, coalesced: the same arithmetic as naive, but consecutive threads of a warp take
// consecutive *columns* of C, so a warp's loads of B and stores of C are one contiguous run
// (coalesced into a few transactions) and its loads of A are one broadcast value.
#include "kernels.h"

namespace dojo::cuda_kernels {

namespace {

constexpr int kBlock = 32;

__global__ void coalesced_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int m, int n,
                                 int k) {
    const int col = blockIdx.x * kBlock + threadIdx.x;  // threadIdx.x walks along a row of C and B
    const int row = blockIdx.y * kBlock + threadIdx.y;
    if (row >= m || col >= n) return;
    float sum = 0.0f;
    const float* a_row = a + static_cast<std::size_t>(row) * k;
    for (int p = 0; p < k; ++p) sum += a_row[p] * b[static_cast<std::size_t>(p) * n + col];
    c[static_cast<std::size_t>(row) * n + col] = sum;
}

}  // namespace

cudaError_t launch_coalesced(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream) {
    const long long gx = blocks_for(n, kBlock), gy = blocks_for(m, kBlock);
    if (!grid_fits(gx, gy)) return cudaErrorInvalidConfiguration;
    coalesced_kernel<<<dim3(static_cast<unsigned>(gx), static_cast<unsigned>(gy)), dim3(kBlock, kBlock), 0, stream>>>(a, b, c, m,
                                                                                                                      n, k);
    return cudaGetLastError();
}

}  // namespace dojo::cuda_kernels
