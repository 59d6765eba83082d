// Rung 7, warp tiling: a 128x128 tile of C is split among 4 warps (64x64 each), and each warp walks
// its tile in 64x16 sub-tiles where every lane owns an 8x4 block, so a warp's shared-memory reads
// stay together and each thread holds 8x16 results in registers. Loads are float4 from device
// memory with A's tile transposed in shared memory. Needs m and n multiples of 128 and k a multiple
// of 16 (the backend pads with zeros).
#include "kernels.h"

namespace dojo::cuda_kernels {

namespace {

constexpr int kBM = 128, kBN = 128, kBK = 16;
constexpr int kWM = 64, kWN = 64;  // one warp's tile of C
constexpr int kWNIter = 4;         // sub-tiles across a warp's tile
constexpr int kTM = 8, kTN = 4;    // one lane's block of C in each sub-tile
constexpr int kWarpSize = 32;
constexpr int kThreads = (kBM / kWM) * (kBN / kWN) * kWarpSize;           // 128
constexpr int kWMIter = (kWM * kWN) / (kWarpSize * kTM * kTN * kWNIter);  // 1
constexpr int kWSubM = kWM / kWMIter;                                     // 64
constexpr int kWSubN = kWN / kWNIter;                                     // 16
static_assert(kWMIter >= 1 && kWM % kWMIter == 0, "whole sub-tiles down a warp's tile");
static_assert((kWSubM / kTM) * (kWSubN / kTN) == kWarpSize, "one lane per block of a sub-tile");
static_assert((kBM * kBK / 4) % kThreads == 0 && (kBK * kBN / 4) % kThreads == 0, "whole float4 loading passes");
static_assert(kTN == 4, "C is stored one float4 per row of a lane's block");

constexpr int kARowStride = kThreads / (kBK / 4);  // 32 rows of A's tile per loading pass
constexpr int kBRowStride = kThreads / (kBN / 4);  // 4 rows of B's tile per loading pass

__global__ void __launch_bounds__(kThreads)
    warptile_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int n, int k) {
    __shared__ __align__(16) float a_tile[kBK * kBM];  // transposed: a_tile[p * kBM + r]
    __shared__ __align__(16) float b_tile[kBK * kBN];  // b_tile[p * kBN + col]
    const int tid = threadIdx.x;
    const int warp = tid / kWarpSize, lane = tid % kWarpSize;
    const int warp_col = warp % (kBN / kWN), warp_row = warp / (kBN / kWN);  // 0..1 each
    const int lane_col = lane % (kWSubN / kTN);                              // 0..3
    const int lane_row = lane / (kWSubN / kTN);                              // 0..7

    const int a_row = tid / (kBK / 4), a_col4 = tid % (kBK / 4);  // 0..31, 0..3
    const int b_row = tid / (kBN / 4), b_col4 = tid % (kBN / 4);  // 0..3, 0..31

    const std::size_t block_row = static_cast<std::size_t>(blockIdx.y) * kBM;
    const std::size_t block_col = static_cast<std::size_t>(blockIdx.x) * kBN;
    const float* a_block = a + block_row * k;
    const float* b_block = b + block_col;

    float sum[kWMIter * kTM * kWNIter * kTN] = {};  // row (wm*kTM + i), column (wn*kTN + j)
    float a_reg[kWMIter * kTM], b_reg[kWNIter * kTN];
    for (int t = 0; t < k; t += kBK) {
        for (int off = 0; off < kBM; off += kARowStride) {
            const float4 av =
                *reinterpret_cast<const float4*>(a_block + static_cast<std::size_t>(a_row + off) * k + t + a_col4 * 4);
            a_tile[(a_col4 * 4 + 0) * kBM + a_row + off] = av.x;
            a_tile[(a_col4 * 4 + 1) * kBM + a_row + off] = av.y;
            a_tile[(a_col4 * 4 + 2) * kBM + a_row + off] = av.z;
            a_tile[(a_col4 * 4 + 3) * kBM + a_row + off] = av.w;
        }
        for (int off = 0; off < kBK; off += kBRowStride)
            *reinterpret_cast<float4*>(b_tile + (b_row + off) * kBN + b_col4 * 4) =
                *reinterpret_cast<const float4*>(b_block + static_cast<std::size_t>(t + b_row + off) * n + b_col4 * 4);
        __syncthreads();
#pragma unroll
        for (int p = 0; p < kBK; ++p) {
#pragma unroll
            for (int wm = 0; wm < kWMIter; ++wm)
#pragma unroll
                for (int i = 0; i < kTM; ++i)
                    a_reg[wm * kTM + i] = a_tile[p * kBM + warp_row * kWM + wm * kWSubM + lane_row * kTM + i];
#pragma unroll
            for (int wn = 0; wn < kWNIter; ++wn)
#pragma unroll
                for (int j = 0; j < kTN; ++j)
                    b_reg[wn * kTN + j] = b_tile[p * kBN + warp_col * kWN + wn * kWSubN + lane_col * kTN + j];
#pragma unroll
            for (int i = 0; i < kWMIter * kTM; ++i)
#pragma unroll
                for (int j = 0; j < kWNIter * kTN; ++j) sum[i * (kWNIter * kTN) + j] += a_reg[i] * b_reg[j];
        }
        __syncthreads();
    }
#pragma unroll
    for (int wm = 0; wm < kWMIter; ++wm)
#pragma unroll
        for (int i = 0; i < kTM; ++i) {
            const std::size_t row = block_row + warp_row * kWM + wm * kWSubM + lane_row * kTM + i;
#pragma unroll
            for (int wn = 0; wn < kWNIter; ++wn) {
                const float* s = sum + (wm * kTM + i) * (kWNIter * kTN) + wn * kTN;
                float* out = c + row * n + block_col + warp_col * kWN + wn * kWSubN + lane_col * kTN;
                *reinterpret_cast<float4*>(out) = make_float4(s[0], s[1], s[2], s[3]);
            }
        }
}

}  // namespace

Pad warptile_pad() {
    return {kBM, kBN, kBK};
}

cudaError_t launch_warptile(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream) {
    if (m % kBM != 0 || n % kBN != 0 || k % kBK != 0) return cudaErrorInvalidValue;  // the backend pads
    const long long gx = n / kBN, gy = m / kBM;
    if (!grid_fits(gx, gy)) return cudaErrorInvalidConfiguration;
    warptile_kernel<<<dim3(static_cast<unsigned>(gx), static_cast<unsigned>(gy)), kThreads, 0, stream>>>(a, b, c, n, k);
    return cudaGetLastError();
}

}  // namespace dojo::cuda_kernels
