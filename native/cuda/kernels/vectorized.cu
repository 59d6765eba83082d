// Rung 6, vectorized: the 2D register-blocked kernel with 128-bit loads and stores (float4) from
// device memory, and A's tile stored transposed in shared memory so a thread's 8 values of A for
// one step lie side by side. Needs m and n multiples of 128 and k a multiple of 8: the backend pads
// with zeros, which also keeps every float4 16-byte aligned.
#include "kernels.h"

namespace dojo::cuda_kernels {

namespace {

constexpr int kBM = 128, kBN = 128, kBK = 8, kTM = 8, kTN = 8;
constexpr int kThreads = (kBM / kTM) * (kBN / kTN);  // 256
static_assert(kBM * kBK / 4 == kThreads, "one float4 of A's tile per thread");
static_assert(kBK * kBN / 4 == kThreads, "one float4 of B's tile per thread");
static_assert(kTN % 4 == 0, "C is stored as float4s");

__global__ void __launch_bounds__(kThreads)
    vectorized_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int n, int k) {
    __shared__ __align__(16) float a_tile[kBK * kBM];  // transposed: a_tile[p * kBM + r]
    __shared__ __align__(16) float b_tile[kBK * kBN];  // b_tile[p * kBN + col]
    const int tid = threadIdx.x;
    const int thread_col = tid % (kBN / kTN);  // 0..15
    const int thread_row = tid / (kBN / kTN);  // 0..15
    const int a_row = tid / (kBK / 4);         // 0..127: the row of A's tile this thread loads
    const int a_col4 = tid % (kBK / 4);        // 0..1: which float4 of that row
    const int b_row = tid / (kBN / 4);         // 0..7
    const int b_col4 = tid % (kBN / 4);        // 0..31

    const std::size_t block_row = static_cast<std::size_t>(blockIdx.y) * kBM;
    const std::size_t block_col = static_cast<std::size_t>(blockIdx.x) * kBN;
    const float* a_block = a + block_row * k;
    const float* b_block = b + block_col;

    float sum[kTM * kTN] = {};
    float a_reg[kTM], b_reg[kTN];
    for (int t = 0; t < k; t += kBK) {
        const float4 av = *reinterpret_cast<const float4*>(a_block + static_cast<std::size_t>(a_row) * k + t + a_col4 * 4);
        a_tile[(a_col4 * 4 + 0) * kBM + a_row] = av.x;
        a_tile[(a_col4 * 4 + 1) * kBM + a_row] = av.y;
        a_tile[(a_col4 * 4 + 2) * kBM + a_row] = av.z;
        a_tile[(a_col4 * 4 + 3) * kBM + a_row] = av.w;
        *reinterpret_cast<float4*>(b_tile + b_row * kBN + b_col4 * 4) =
            *reinterpret_cast<const float4*>(b_block + static_cast<std::size_t>(t + b_row) * n + b_col4 * 4);
        __syncthreads();
#pragma unroll
        for (int p = 0; p < kBK; ++p) {
#pragma unroll
            for (int i = 0; i < kTM; i += 4) {
                const float4 v = *reinterpret_cast<const float4*>(a_tile + p * kBM + thread_row * kTM + i);
                a_reg[i] = v.x, a_reg[i + 1] = v.y, a_reg[i + 2] = v.z, a_reg[i + 3] = v.w;
            }
#pragma unroll
            for (int j = 0; j < kTN; j += 4) {
                const float4 v = *reinterpret_cast<const float4*>(b_tile + p * kBN + thread_col * kTN + j);
                b_reg[j] = v.x, b_reg[j + 1] = v.y, b_reg[j + 2] = v.z, b_reg[j + 3] = v.w;
            }
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
        for (int j = 0; j < kTN; j += 4) {
            float* out = c + (block_row + static_cast<std::size_t>(thread_row * kTM + i)) * n + block_col + thread_col * kTN + j;
            *reinterpret_cast<float4*>(out) =
                make_float4(sum[i * kTN + j], sum[i * kTN + j + 1], sum[i * kTN + j + 2], sum[i * kTN + j + 3]);
        }
}

}  // namespace

Pad vectorized_pad() {
    return {kBM, kBN, kBK};
}

cudaError_t launch_vectorized(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream) {
    if (m % kBM != 0 || n % kBN != 0 || k % kBK != 0) return cudaErrorInvalidValue;  // the backend pads
    const long long gx = n / kBN, gy = m / kBM;
    if (!grid_fits(gx, gy)) return cudaErrorInvalidConfiguration;
    vectorized_kernel<<<dim3(static_cast<unsigned>(gx), static_cast<unsigned>(gy)), kThreads, 0, stream>>>(a, b, c, n, k);
    return cudaGetLastError();
}

}  // namespace dojo::cuda_kernels
