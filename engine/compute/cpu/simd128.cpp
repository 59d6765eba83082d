// Rung 4 at 128 bits: the packed GEMM with a microkernel written once in GCC/Clang vector extensions,
// so the same source becomes SSE on any x86-64 and WebAssembly SIMD (simd128) under emcc -msimd128.
#include "compute/cpu/cpu_kernels.h"

#if defined(DOJO_CPU_SIMD128)

#include "compute/cpu/packed_gemm.h"

namespace dojo::cpu {

namespace {

// Four floats: one xmm register natively, one v128 in WebAssembly. No intrinsics, so no -m flags.
typedef float v4 __attribute__((vector_size(16)));

// memcpy, not a pointer cast: the compilers emit a plain vector load, with no alignment or aliasing promise.
inline v4 load4(const float* p) {
    v4 v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

inline void store4(float* p, v4 v) {
    __builtin_memcpy(p, &v, sizeof v);
}

// A 4 x 8 tile of C is 8 accumulators. With the two B vectors, the broadcast A value and the product
// (there is no FMA: SSE2 has none and neither has Emscripten 3.1.6's WebAssembly SIMD, so each step is
// a multiply then an add) that is 12 of the 16 xmm registers, leaving room for the ones a WebAssembly
// engine keeps for itself, so the tile need not spill in the browser either.
constexpr int kMR = 4, kVecs = 2, kNR = 4 * kVecs;

void micro_4x8(int kc, const float* a, const float* b, float* c, std::size_t ldc, bool accumulate) {
    v4 acc[kMR][kVecs] = {};
    for (int p = 0; p < kc; ++p) {
        v4 bv[kVecs];
#pragma GCC unroll 2
        for (int v = 0; v < kVecs; ++v) bv[v] = load4(b + 4 * v);
#pragma GCC unroll 4
        for (int i = 0; i < kMR; ++i) {
            // A splat straight from memory (v128.load32_splat; movss + shufps on SSE2) ran faster in node
            // than one vector load of four A values and a lane shuffle per row; GCC emits the same for both.
            const float x = a[i];
            const v4 ai = v4{x, x, x, x};
#pragma GCC unroll 2
            for (int v = 0; v < kVecs; ++v) acc[i][v] += ai * bv[v];
        }
        a += kMR;
        b += kNR;
    }
#pragma GCC unroll 4
    for (int i = 0; i < kMR; ++i)
#pragma GCC unroll 2
        for (int v = 0; v < kVecs; ++v) {
            float* dst = c + static_cast<std::size_t>(i) * ldc + static_cast<std::size_t>(4 * v);
            store4(dst, accumulate ? acc[i][v] + load4(dst) : acc[i][v]);
        }
}

}  // namespace

void matmul_simd128(const float* a, const float* b, float* c, int m, int n, int k) {
    // KC x NR of B = 8 KiB (L1), MC x KC of A = 128 KiB (L2), KC x NC of B = 2 MiB (L3). In a sweep on a
    // 2-vCPU AMD EPYC, 6x8 and 5x8 tiles ran slower in node (more live vectors than V8 keeps in registers),
    // and KC of 128 or 512 or MC of 64 or 256 were not clearly faster on either side.
    packed_gemm<kMR, kNR, kMR * 32, 256, 2048>(a, b, c, m, n, k, micro_4x8);
}

}  // namespace dojo::cpu

#endif  // DOJO_CPU_SIMD128
