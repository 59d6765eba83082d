// Rung 4, 1D register blocking: a block of 512 threads computes a 64x64 tile of C, and each thread
// keeps a column of 8 results in registers, so one value of B read from shared memory feeds 8
// multiply-adds. Needs m and n multiples of 64 and k a multiple of 8 (the backend pads with zeros).
#include "kernels.h"

namespace dojo::cuda_kernels {

namespace {

constexpr int kBM = 64, kBN = 64, kBK = 8, kTM = 8;
constexpr int kThreads = kBM * kBN / kTM;  // 512
static_assert(kThreads == kBM * kBK && kThreads == kBK * kBN, "one tile element per thread for each load");

__global__ void __launch_bounds__(kThreads)
    blocktile_1d_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int n, int k) {
    __shared__ float a_tile[kBM * kBK];  // a_tile[r * kBK + p]
    __shared__ float b_tile[kBK * kBN];  // b_tile[p * kBN + col]
    const int tid = threadIdx.x;
    const int thread_col = tid % kBN;                // 0..63: this thread's column of the tile
    const int thread_row = tid / kBN;                // 0..7: rows thread_row*kTM .. +kTM-1
    const int a_row = tid / kBK, a_col = tid % kBK;  // the element of A's tile this thread loads
    const int b_row = tid / kBN, b_col = tid % kBN;  // and of B's

    const std::size_t block_row = static_cast<std::size_t>(blockIdx.y) * kBM;
    const std::size_t block_col = static_cast<std::size_t>(blockIdx.x) * kBN;
    const float* a_block = a + block_row * k;  // row block_row of A
    const float* b_block = b + block_col;      // column block_col of B

    float sum[kTM] = {};
    for (int t = 0; t < k; t += kBK) {
        a_tile[a_row * kBK + a_col] = a_block[static_cast<std::size_t>(a_row) * k + (t + a_col)];
        b_tile[b_row * kBN + b_col] = b_block[static_cast<std::size_t>(t + b_row) * n + b_col];
        __syncthreads();
#pragma unroll
        for (int p = 0; p < kBK; ++p) {
            const float bv = b_tile[p * kBN + thread_col];
#pragma unroll
            for (int r = 0; r < kTM; ++r) sum[r] += a_tile[(thread_row * kTM + r) * kBK + p] * bv;
        }
        __syncthreads();
    }
#pragma unroll
    for (int r = 0; r < kTM; ++r)
        c[(block_row + static_cast<std::size_t>(thread_row * kTM + r)) * n + block_col + thread_col] = sum[r];
}

}  // namespace

Pad blocktile_1d_pad() {
    return {kBM, kBN, kBK};
}

cudaError_t launch_blocktile_1d(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream) {
    if (m % kBM != 0 || n % kBN != 0 || k % kBK != 0) return cudaErrorInvalidValue;  // the backend pads
    const long long gx = n / kBN, gy = m / kBM;
    if (!grid_fits(gx, gy)) return cudaErrorInvalidConfiguration;
    blocktile_1d_kernel<<<dim3(static_cast<unsigned>(gx), static_cast<unsigned>(gy)), kThreads, 0, stream>>>(a, b, c, n, k);
    return cudaGetLastError();
}

}  // namespace dojo::cuda_kernels
