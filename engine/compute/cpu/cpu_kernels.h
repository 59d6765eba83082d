// The CPU ladder's kernels, one per file: each computes C = A * B for row-major, contiguous
// A (m x k), B (k x n) and C (m x n), overwriting C. Internal to the CPU backend.
#pragma once

// Where GCC/Clang vector extensions of 16 bytes become real SIMD: SSE2 (every x86-64) and WebAssembly
// built with -msimd128. Elsewhere they would fall back to scalar code, so the rung is left out.
#if defined(__SSE2__) || defined(__wasm_simd128__)
#define DOJO_CPU_SIMD128 1
#endif

namespace dojo::cpu {

using KernelFn = void (*)(const float* a, const float* b, float* c, int m, int n, int k);

void matmul_naive(const float* a, const float* b, float* c, int m, int n, int k);
void matmul_reordered(const float* a, const float* b, float* c, int m, int n, int k);
void matmul_blocked(const float* a, const float* b, float* c, int m, int n, int k);
#if defined(DOJO_CPU_SIMD128)
void matmul_simd128(const float* a, const float* b, float* c, int m, int n, int k);  // SSE or WebAssembly SIMD
#endif
#if defined(DOJO_CPU_X86_KERNELS)
void matmul_avx2(const float* a, const float* b, float* c, int m, int n, int k);    // needs AVX2 + FMA
void matmul_avx512(const float* a, const float* b, float* c, int m, int n, int k);  // needs AVX-512F
#endif
// The best single-thread kernel this CPU runs, over row blocks on every hardware thread.
void matmul_threaded(const float* a, const float* b, float* c, int m, int n, int k);
KernelFn best_single_thread_kernel();
// The precision lab's rungs: inputs rounded to the format, FP32 accumulation (rounded_inputs.cpp).
void matmul_tf32_inputs(const float* a, const float* b, float* c, int m, int n, int k);
void matmul_fp16_inputs(const float* a, const float* b, float* c, int m, int n, int k);
void matmul_bf16_inputs(const float* a, const float* b, float* c, int m, int n, int k);
float round_to_fp16(float x);  // FP16's range too: overflow to infinity, subnormals
#if defined(DOJO_HAVE_OPENBLAS)
void matmul_openblas(const float* a, const float* b, float* c, int m, int n, int k);
#endif

}  // namespace dojo::cpu
