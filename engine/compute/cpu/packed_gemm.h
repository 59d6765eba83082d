// The blocked, packed GEMM loop nest (the BLIS/Goto shape) shared by the SIMD rungs: B is packed in
// KC x NR panels that stay in L1/L2, A in MR x KC panels, and a register-blocked microkernel does
// all the arithmetic. Included by each ISA's file, which compiles it with that ISA's flags.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>

namespace dojo::cpu {
// Internal linkage on purpose: the AVX2 and AVX-512 files each compile their own copy with their own
// -m flags. Shared inline functions or std:: templates could be merged by the linker into one copy
// carrying AVX-512 instructions, which would then crash the AVX2 path on a CPU without AVX-512; so
// this header uses no std:: templates either.
namespace {

inline int imin(int x, int y) {
    return x < y ? x : y;
}
inline std::size_t round_up(std::size_t v, std::size_t to) {
    return (v + to - 1) / to * to;
}

// A panel holds MR rows of A interleaved by column (for each p, MR floats), zero-padded below m,
// so the microkernel reads A with unit stride and never checks bounds.
template <int MR>
void pack_a(const float* a, std::size_t lda, int mc, int kc, float* out) {
    for (int r0 = 0; r0 < mc; r0 += MR) {
        const int rows = imin(MR, mc - r0);
        for (int p = 0; p < kc; ++p) {
            for (int i = 0; i < rows; ++i) out[i] = a[static_cast<std::size_t>(r0 + i) * lda + static_cast<std::size_t>(p)];
            for (int i = rows; i < MR; ++i) out[i] = 0;
            out += MR;
        }
    }
}

// A B panel holds NR columns row by row (for each p, NR floats), zero-padded right of n.
template <int NR>
void pack_b(const float* b, std::size_t ldb, int kc, int nc, float* out) {
    for (int c0 = 0; c0 < nc; c0 += NR) {
        const int cols = imin(NR, nc - c0);
        for (int p = 0; p < kc; ++p) {
            const float* src = b + static_cast<std::size_t>(p) * ldb + static_cast<std::size_t>(c0);
            if (cols == NR) {
                std::memcpy(out, src, sizeof(float) * NR);
            } else {
                for (int j = 0; j < cols; ++j) out[j] = src[j];
                for (int j = cols; j < NR; ++j) out[j] = 0;
            }
            out += NR;
        }
    }
}

struct AlignedFloats {
    float* p;
    explicit AlignedFloats(std::size_t count)
        : p(static_cast<float*>(std::aligned_alloc(64, round_up(count * sizeof(float), 64)))) {
        if (!p) throw std::bad_alloc();
    }
    ~AlignedFloats() { std::free(p); }
    AlignedFloats(const AlignedFloats&) = delete;
    AlignedFloats& operator=(const AlignedFloats&) = delete;
};

// Micro(kc, a_panel, b_panel, c, ldc, accumulate) computes an MR x NR tile: c = (accumulate ? c : 0) + a*b.
template <int MR, int NR, int MC, int KC, int NC, typename Micro>
void packed_gemm(const float* a, const float* b, float* c, int m, int n, int k, Micro micro) {
    static_assert(MC % MR == 0 && NC % NR == 0, "blocks must hold whole panels");
    const std::size_t N = static_cast<std::size_t>(n), K = static_cast<std::size_t>(k);
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        std::memset(c, 0, sizeof(float) * static_cast<std::size_t>(m) * N);
        return;
    }
    // Sized to the problem, not the block: a small multiply should not allocate (and fault in) megabytes.
    const std::size_t kc_max = static_cast<std::size_t>(imin(KC, k));
    AlignedFloats bpack(kc_max * round_up(static_cast<std::size_t>(imin(NC, n)), NR)),
        apack(kc_max * round_up(static_cast<std::size_t>(imin(MC, m)), MR));
    alignas(64) float edge[MR * NR];
    for (int jc = 0; jc < n; jc += NC) {
        const int nc = imin(NC, n - jc);
        for (int pc = 0; pc < k; pc += KC) {
            const int kc = imin(KC, k - pc);
            const bool accumulate = pc > 0;
            pack_b<NR>(b + static_cast<std::size_t>(pc) * N + static_cast<std::size_t>(jc), N, kc, nc, bpack.p);
            for (int ic = 0; ic < m; ic += MC) {
                const int mc = imin(MC, m - ic);
                pack_a<MR>(a + static_cast<std::size_t>(ic) * K + static_cast<std::size_t>(pc), K, mc, kc, apack.p);
                for (int jr = 0; jr < nc; jr += NR) {
                    const float* bp = bpack.p + static_cast<std::size_t>(jr) * static_cast<std::size_t>(kc);
                    const int cols = imin(NR, nc - jr);
                    for (int ir = 0; ir < mc; ir += MR) {
                        const float* ap = apack.p + static_cast<std::size_t>(ir) * static_cast<std::size_t>(kc);
                        float* ct = c + static_cast<std::size_t>(ic + ir) * N + static_cast<std::size_t>(jc + jr);
                        const int rows = imin(MR, mc - ir);
                        if (rows == MR && cols == NR) {
                            micro(kc, ap, bp, ct, N, accumulate);
                            continue;
                        }
                        // Edge tile: compute the whole padded tile aside, then copy in what lies inside C.
                        micro(kc, ap, bp, edge, static_cast<std::size_t>(NR), false);
                        for (int i = 0; i < rows; ++i)
                            for (int j = 0; j < cols; ++j) {
                                float& dst = ct[static_cast<std::size_t>(i) * N + static_cast<std::size_t>(j)];
                                dst = accumulate ? dst + edge[i * NR + j] : edge[i * NR + j];
                            }
                    }
                }
            }
        }
    }
}

}  // namespace
}  // namespace dojo::cpu
