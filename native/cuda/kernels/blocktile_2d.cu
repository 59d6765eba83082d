// Rung 5, 2D register blocking: 256 threads compute a 128x128 tile of C, each an 8x8 block held in
// registers; per step it loads 8 values of A and 8 of B from shared memory for 64 multiply-adds.
// Needs m and n multiples of 128 and k a multiple of 8 (the backend pads with zeros).
#include "kernels.h"

namespace dojo::cuda_kernels {

namespace {

constexpr int kBM = 128, kBN = 128, kBK = 8, kTM = 8, kTN = 8;
constexpr int kThreads = (kBM / kTM) * (kBN / kTN);  // 256
constexpr int kARowStride = kThreads / kBK;          // 32 rows of A's tile per loading pass
constexpr int kBRowStride = kThreads / kBN;          // 2 rows of B's tile per loading pass
static_assert(kBM % kARowStride == 0 && kBK % kBRowStride == 0, "whole loading passes");

__global__ void __launch_bounds__(kThreads)
    blocktile_2d_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int n, int k) {
    __shared__ float a_tile[kBM * kBK];  // a_tile[r * kBK + p]
    __shared__ float b_tile[kBK * kBN];  // b_tile[p * kBN + col]
    const int tid = threadIdx.x;
    const int thread_col = tid % (kBN / kTN);  // 0..15: columns thread_col*kTN .. +kTN-1
    const int thread_row = tid / (kBN / kTN);  // 0..15: rows thread_row*kTM .. +kTM-1
    const int a_row = tid / kBK, a_col = tid % kBK;
    const int b_row = tid / kBN, b_col = tid % kBN;

    const std::size_t block_row = static_cast<std::size_t>(blockIdx.y) * kBM;
    const std::size_t block_col = static_cast<std::size_t>(blockIdx.x) * kBN;
    const float* a_block = a + block_row * k;
    const float* b_block = b + block_col;

    float sum[kTM * kTN] = {};
    float a_reg[kTM], b_reg[kTN];
    for (int t = 0; t < k; t += kBK) {
        for (int off = 0; off < kBM; off += kARowStride)
            a_tile[(a_row + off) * kBK + a_col] = a_block[static_cast<std::size_t>(a_row + off) * k + (t + a_col)];
        for (int off = 0; off < kBK; off += kBRowStride)
            b_tile[(b_row + off) * kBN + b_col] = b_block[static_cast<std::size_t>(t + b_row + off) * n + b_col];
        __syncthreads();
#pragma unroll
        for (int p = 0; p < kBK; ++p) {
#pragma unroll
            for (int i = 0; i < kTM; ++i) a_reg[i] = a_tile[(thread_row * kTM + i) * kBK + p];
#pragma unroll
            for (int j = 0; j < kTN; ++j) b_reg[j] = b_tile[p * kBN + thread_col * kTN + j];
#pragma unroll
            for (int i = 0; i < kTM; ++i)
#pragma unroll
                for (int j = 0; j < kTN; ++j) sum[i * kTN + j] += a_reg[i] * b_reg[j];
        }
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < kTM; ++i)
#pragma unroll
        for (int j = 0; j < kTN; ++j)
            c[(block_row + static_cast<std::size_t>(thread_row * kTM + i)) * n + block_col + thread_col * kTN + j] =
                sum[i * kTN + j];
}

}  // namespace

Pad blocktile_2d_pad() {
    return {kBM, kBN, kBK};
}

cudaError_t launch_blocktile_2d(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream) {
    if (m % kBM != 0 || n % kBN != 0 || k % kBK != 0) return cudaErrorInvalidValue;  // the backend pads
    const long long gx = n / kBN, gy = m / kBM;
    if (!grid_fits(gx, gy)) return cudaErrorInvalidConfiguration;
    blocktile_2d_kernel<<<dim3(static_cast<unsigned>(gx), static_cast<unsigned>(gy)), kThreads, 0, stream>>>(a, b, c, n, k);
    return cudaGetLastError();
}

}  // namespace dojo::cuda_kernels
