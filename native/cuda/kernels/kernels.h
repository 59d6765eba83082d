// The CUDA matmul kernels of the compute labs, one rung of the FP32 ladder per file, plus the
// tensor-core rung and the helpers the backend needs (conversions, patterns, peaks). Internal to
// dojo_compute_cuda: the backend's files include it through cuda_backend_internal.h.
//
// Every launcher takes row-major device matrices A (m x k), B (k x n), C (m x n), launches on
// `stream` and returns cudaGetLastError() (cudaErrorInvalidConfiguration when the grid would be too
// large). The rungs that say so in kernel_pad() need m, n, k to be multiples of their tile: the
// backend then copies the inputs into zero-padded buffers, so the padded problem is what is timed.
#pragma once

#include <cuda_runtime.h>

#include <cstdint>

namespace dojo::cuda_kernels {

// The multiples a kernel needs m, n and k rounded up to (1: any size, the kernel guards its edges).
struct Pad {
    int m = 1, n = 1, k = 1;
};

// ceil(a / b) as a grid dimension, and whether a grid of x by y blocks can be launched.
inline long long blocks_for(long long a, long long b) {
    return (a + b - 1) / b;
}
inline bool grid_fits(long long x, long long y) {
    return x >= 1 && y >= 1 && x <= 2147483647LL && y <= 65535LL;
}

// The FP32 ladder.
cudaError_t launch_naive(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream);
cudaError_t launch_coalesced(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream);
cudaError_t launch_smem_tiled(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream);
cudaError_t launch_blocktile_1d(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream);
cudaError_t launch_blocktile_2d(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream);
cudaError_t launch_vectorized(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream);
cudaError_t launch_warptile(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream);
Pad blocktile_1d_pad();
Pad blocktile_2d_pad();
Pad vectorized_pad();
Pad warptile_pad();

// Tensor cores: a and b hold bf16 values (__nv_bfloat16, passed as raw 16-bit words), c is float.
// Needs compute capability 8.0 or later (the kernel body is empty on older architectures).
cudaError_t launch_wmma_bf16(const std::uint16_t* a, const std::uint16_t* b, float* c, int m, int n, int k, cudaStream_t stream);
Pad wmma_bf16_pad();

// fp32 -> fp16 / bf16 (round to nearest even), `count` elements, as raw 16-bit words.
cudaError_t launch_to_half(const float* in, std::uint16_t* out, std::size_t count, cudaStream_t stream);
cudaError_t launch_to_bf16(const float* in, std::uint16_t* out, std::size_t count, cudaStream_t stream);

// The transfer lab's check pattern: 64-bit word i of a buffer is pattern_word(i, seed), the tail
// bytes after the last whole word are pattern_tail_byte(i, seed).
inline __host__ __device__ std::uint64_t pattern_word(std::uint64_t i, std::uint64_t seed) {
    return (i + 1) * 0x9E3779B97F4A7C15ull ^ seed;
}
inline __host__ __device__ std::uint8_t pattern_tail_byte(std::uint64_t i, std::uint64_t seed) {
    return static_cast<std::uint8_t>((i * 131u + seed) & 0xffu);
}
cudaError_t launch_fill_pattern(void* buffer, std::uint64_t bytes, std::uint64_t seed, cudaStream_t stream);

// Peak FP32 throughput: `blocks` x `threads` threads, each running kPeakChains independent FMA
// chains for `iterations` steps. `sink` (one float) is written only when an impossible value turns up.
constexpr int kPeakChains = 8;
cudaError_t launch_fma_peak(float* sink, int blocks, int threads, int iterations, cudaStream_t stream);
// Peak bandwidth: copies `count` float4s from `in` to `out`.
cudaError_t launch_copy_float4(const void* in, void* out, std::uint64_t count, int blocks, cudaStream_t stream);

}  // namespace dojo::cuda_kernels
