// The kernels of the labs beyond matmul: the transfer lab's check pattern, and the peak FP32
// throughput and peak bandwidth measurements.
#include "kernels.h"

namespace dojo::cuda_kernels {

namespace {

__global__ void fill_pattern_kernel(std::uint64_t* words, std::uint64_t word_count, std::uint8_t* tail, std::uint64_t tail_start,
                                    std::uint64_t tail_count, std::uint64_t seed) {
    const std::uint64_t stride = static_cast<std::uint64_t>(gridDim.x) * blockDim.x;
    const std::uint64_t first = blockIdx.x * static_cast<std::uint64_t>(blockDim.x) + threadIdx.x;
    for (std::uint64_t i = first; i < word_count; i += stride) words[i] = pattern_word(i, seed);
    for (std::uint64_t i = first; i < tail_count; i += stride) tail[i] = pattern_tail_byte(tail_start + i, seed);
}

// kPeakChains independent chains per thread: each FMA depends only on the previous one of its own
// chain, so the scheduler always has independent work. x * 0.999999 + 1e-6 stays near 1, never
// overflows nor goes denormal, and no value can reach -1, so the store below never happens but the
// compiler cannot prove it and must keep every FMA.
__global__ void fma_peak_kernel(float* sink, int iterations) {
    float v[kPeakChains];
#pragma unroll
    for (int c = 0; c < kPeakChains; ++c) v[c] = 1.0f + static_cast<float>(threadIdx.x + c) * 1e-7f;
    const float mul = 0.999999f, add = 1e-6f;
#pragma unroll 4
    for (int i = 0; i < iterations; ++i) {
#pragma unroll
        for (int c = 0; c < kPeakChains; ++c) v[c] = fmaf(v[c], mul, add);
    }
    float total = 0.0f;
#pragma unroll
    for (int c = 0; c < kPeakChains; ++c) total += v[c];
    if (total == -1.0f) *sink = total;
}

__global__ void copy_float4_kernel(const float4* __restrict__ in, float4* __restrict__ out, std::uint64_t count) {
    const std::uint64_t stride = static_cast<std::uint64_t>(gridDim.x) * blockDim.x;
    for (std::uint64_t i = blockIdx.x * static_cast<std::uint64_t>(blockDim.x) + threadIdx.x; i < count; i += stride)
        out[i] = in[i];
}

}  // namespace

cudaError_t launch_fill_pattern(void* buffer, std::uint64_t bytes, std::uint64_t seed, cudaStream_t stream) {
    const std::uint64_t words = bytes / 8, tail_start = words * 8, tail_count = bytes - tail_start;
    const std::uint64_t wanted = (words + 255) / 256;
    const unsigned blocks = static_cast<unsigned>(wanted == 0 ? 1 : (wanted < 65535 ? wanted : 65535));
    fill_pattern_kernel<<<blocks, 256, 0, stream>>>(static_cast<std::uint64_t*>(buffer), words,
                                                    static_cast<std::uint8_t*>(buffer) + tail_start, tail_start, tail_count,
                                                    seed);
    return cudaGetLastError();
}

cudaError_t launch_fma_peak(float* sink, int blocks, int threads, int iterations, cudaStream_t stream) {
    if (blocks < 1 || threads < 1 || threads > 1024 || iterations < 1) return cudaErrorInvalidValue;
    fma_peak_kernel<<<static_cast<unsigned>(blocks), static_cast<unsigned>(threads), 0, stream>>>(sink, iterations);
    return cudaGetLastError();
}

cudaError_t launch_copy_float4(const void* in, void* out, std::uint64_t count, int blocks, cudaStream_t stream) {
    if (blocks < 1) return cudaErrorInvalidValue;
    copy_float4_kernel<<<static_cast<unsigned>(blocks), 256, 0, stream>>>(static_cast<const float4*>(in),
                                                                          static_cast<float4*>(out), count);
    return cudaGetLastError();
}

}  // namespace dojo::cuda_kernels
