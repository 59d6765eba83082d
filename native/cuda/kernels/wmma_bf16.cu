// The tensor-core rung: bf16 inputs, fp32 accumulation, through nvcuda::wmma 16x16x16 fragments.
// A block of 4 warps computes a 64x64 tile of C, each warp a 32x32 quarter as 2x2 fragments; the
// block stages 64x32 of A and 32x64 of B in shared memory per step. Needs m and n multiples of 64
// and k a multiple of 32 (the backend pads with zeros). bf16 wmma exists from compute capability
// 8.0 (Ampere): on older architectures the kernel body is empty and the backend refuses to launch it.
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <mma.h>

#include "kernels.h"

namespace dojo::cuda_kernels {

namespace {

constexpr int kBM = 64, kBN = 64, kBK = 32;
constexpr int kWarpTile = 32;                                         // each warp: 32x32 of C = 2x2 fragments
constexpr int kThreads = (kBM / kWarpTile) * (kBN / kWarpTile) * 32;  // 128

__global__ void __launch_bounds__(kThreads)
    wmma_bf16_kernel(const std::uint16_t* __restrict__ a, const std::uint16_t* __restrict__ b, float* __restrict__ c, int n,
                     int k) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
    using namespace nvcuda;
    constexpr int kFrag = 16;
    // Rows padded by 8 bf16 (16 bytes) against bank conflicts; strides stay multiples of 16 bytes for
    // the uint4 stores, and every fragment pointer stays 32-byte aligned (16 rows x 80 or 144 bytes).
    constexpr int kAStride = kBK + 8;  // 40 bf16 = 80 bytes
    constexpr int kBStride = kBN + 8;  // 72 bf16 = 144 bytes
    constexpr int kChunk = 8;          // bf16 per uint4
    static_assert((kBM * kBK / kChunk) % kThreads == 0 && (kBK * kBN / kChunk) % kThreads == 0, "whole loading passes");
    __shared__ __align__(32) __nv_bfloat16 a_tile[kBM * kAStride];  // a_tile[r * kAStride + p]
    __shared__ __align__(32) __nv_bfloat16 b_tile[kBK * kBStride];  // b_tile[p * kBStride + col]
    const int tid = threadIdx.x;
    const int warp = tid / 32;
    const int warp_row = warp / (kBN / kWarpTile), warp_col = warp % (kBN / kWarpTile);  // 0..1 each

    const std::size_t block_row = static_cast<std::size_t>(blockIdx.y) * kBM;
    const std::size_t block_col = static_cast<std::size_t>(blockIdx.x) * kBN;

    wmma::fragment<wmma::accumulator, kFrag, kFrag, kFrag, float> acc[2][2];
#pragma unroll
    for (int i = 0; i < 2; ++i)
#pragma unroll
        for (int j = 0; j < 2; ++j) wmma::fill_fragment(acc[i][j], 0.0f);

    for (int t = 0; t < k; t += kBK) {
        // A's tile: 64 rows x 32 bf16 = 256 chunks of 8; B's: 32 rows x 64 bf16 = 256 chunks.
        for (int chunk = tid; chunk < kBM * kBK / kChunk; chunk += kThreads) {
            const int r = chunk / (kBK / kChunk), p = (chunk % (kBK / kChunk)) * kChunk;
            *reinterpret_cast<uint4*>(a_tile + r * kAStride + p) =
                *reinterpret_cast<const uint4*>(a + (block_row + r) * k + t + p);
        }
        for (int chunk = tid; chunk < kBK * kBN / kChunk; chunk += kThreads) {
            const int p = chunk / (kBN / kChunk), col = (chunk % (kBN / kChunk)) * kChunk;
            *reinterpret_cast<uint4*>(b_tile + p * kBStride + col) =
                *reinterpret_cast<const uint4*>(b + static_cast<std::size_t>(t + p) * n + block_col + col);
        }
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < kBK; kk += kFrag) {
            wmma::fragment<wmma::matrix_a, kFrag, kFrag, kFrag, __nv_bfloat16, wmma::row_major> af[2];
            wmma::fragment<wmma::matrix_b, kFrag, kFrag, kFrag, __nv_bfloat16, wmma::row_major> bf[2];
#pragma unroll
            for (int i = 0; i < 2; ++i)
                wmma::load_matrix_sync(af[i], a_tile + (warp_row * kWarpTile + i * kFrag) * kAStride + kk, kAStride);
#pragma unroll
            for (int j = 0; j < 2; ++j)
                wmma::load_matrix_sync(bf[j], b_tile + kk * kBStride + warp_col * kWarpTile + j * kFrag, kBStride);
#pragma unroll
            for (int i = 0; i < 2; ++i)
#pragma unroll
                for (int j = 0; j < 2; ++j) wmma::mma_sync(acc[i][j], af[i], bf[j], acc[i][j]);
        }
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < 2; ++i)
#pragma unroll
        for (int j = 0; j < 2; ++j) {
            float* out = c + (block_row + warp_row * kWarpTile + i * kFrag) * n + block_col + warp_col * kWarpTile + j * kFrag;
            wmma::store_matrix_sync(out, acc[i][j], static_cast<unsigned>(n), wmma::mem_row_major);
        }
#else
    (void)a, (void)b, (void)c, (void)n, (void)k;
#endif
}

__global__ void to_half_kernel(const float* __restrict__ in, std::uint16_t* __restrict__ out, std::size_t count) {
    for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < count;
         i += static_cast<std::size_t>(gridDim.x) * blockDim.x)
        out[i] = __half_as_ushort(__float2half_rn(in[i]));
}

__global__ void to_bf16_kernel(const float* __restrict__ in, std::uint16_t* __restrict__ out, std::size_t count) {
    for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < count;
         i += static_cast<std::size_t>(gridDim.x) * blockDim.x)
        out[i] = __bfloat16_as_ushort(__float2bfloat16_rn(in[i]));
}

unsigned grid_stride_blocks(std::size_t count) {
    const std::size_t blocks = (count + 255) / 256;
    return static_cast<unsigned>(blocks < 65535 ? (blocks > 0 ? blocks : 1) : 65535);
}

}  // namespace

Pad wmma_bf16_pad() {
    return {kBM, kBN, kBK};
}

cudaError_t launch_wmma_bf16(const std::uint16_t* a, const std::uint16_t* b, float* c, int m, int n, int k, cudaStream_t stream) {
    if (m % kBM != 0 || n % kBN != 0 || k % kBK != 0) return cudaErrorInvalidValue;  // the backend pads
    const long long gx = n / kBN, gy = m / kBM;
    if (!grid_fits(gx, gy)) return cudaErrorInvalidConfiguration;
    wmma_bf16_kernel<<<dim3(static_cast<unsigned>(gx), static_cast<unsigned>(gy)), kThreads, 0, stream>>>(a, b, c, n, k);
    return cudaGetLastError();
}

cudaError_t launch_to_half(const float* in, std::uint16_t* out, std::size_t count, cudaStream_t stream) {
    to_half_kernel<<<grid_stride_blocks(count), 256, 0, stream>>>(in, out, count);
    return cudaGetLastError();
}

cudaError_t launch_to_bf16(const float* in, std::uint16_t* out, std::size_t count, cudaStream_t stream) {
    to_bf16_kernel<<<grid_stride_blocks(count), 256, 0, stream>>>(in, out, count);
    return cudaGetLastError();
}

}  // namespace dojo::cuda_kernels
