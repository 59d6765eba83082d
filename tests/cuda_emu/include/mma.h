// Stands in for the CUDA toolkit's mma.h in the host build of the labs' kernels (tests/cuda_emu):
// enough of nvcuda::wmma for the bf16 tensor-core rung. 16x16x16 fragments only. As on a GPU, a
// fragment is spread over the 32 lanes of a warp (here lane l holds elements l*8 .. l*8+7 of the
// row-major tile), and load_matrix_sync, mma_sync and store_matrix_sync are warp-wide: every lane
// must call them with the same pointer and stride, and the emulator runs each once, when the last
// lane arrives. What the CUDA documentation requires of the arguments (a 256-bit aligned pointer,
// a stride of a multiple of 16 bytes) is checked, and a violation faults the launch.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <type_traits>

#include "cuda_bf16.h"
#include "cuda_runtime.h"

namespace nvcuda::wmma {

struct matrix_a {};
struct matrix_b {};
struct accumulator {};
struct row_major {};
struct col_major {};
enum layout_t { mem_row_major, mem_col_major };

template <class Use, int M, int N, int K, class T, class Layout = void>
struct fragment {
    static_assert(M == 16 && N == 16 && K == 16, "the emulated wmma has 16x16x16 fragments only");
    static constexpr int kRows = std::is_same_v<Use, matrix_b> ? K : M;
    static constexpr int kCols = std::is_same_v<Use, matrix_a> ? K : N;
    static constexpr int num_elements = kRows * kCols / 32;
    T x[num_elements];
};

namespace detail {

inline float to_float(float v) {
    return v;
}
inline float to_float(__nv_bfloat16 v) {
    return __bfloat162float(v);
}

inline std::string describe(const char* op, const void* p, unsigned ldm) {
    std::ostringstream s;
    s << "wmma::" << op << "(" << p << ", ldm " << ldm << ")";
    return s.str();
}

// The documented requirements on a fragment's memory: 256-bit aligned, a stride of 16 bytes' worth.
inline void check_memory(const char* op, const void* p, unsigned ldm, std::size_t element_bytes) {
    if (reinterpret_cast<std::uintptr_t>(p) % 32 != 0)
        ::cuda_emu::fault(describe(op, p, ldm) + ": the pointer is not 256-bit (32-byte) aligned");
    if ((ldm * element_bytes) % 16 != 0) ::cuda_emu::fault(describe(op, p, ldm) + ": ldm is not a multiple of 16 bytes");
}

}  // namespace detail

template <class Use, int M, int N, int K, class T, class Layout>
void fill_fragment(fragment<Use, M, N, K, T, Layout>& f, T value) {
    for (T& v : f.x) v = value;
}

template <class Use, int M, int N, int K, class T, class Layout>
void load_matrix_sync(fragment<Use, M, N, K, T, Layout>& f, const T* p, unsigned ldm) {
    static_assert(!std::is_same_v<Use, accumulator>, "this emulation loads matrix_a and matrix_b fragments only");
    using Frag = fragment<Use, M, N, K, T, Layout>;
    detail::check_memory("load_matrix_sync", p, ldm, sizeof(T));
    ::cuda_emu::warp_collective(detail::describe("load_matrix_sync", p, ldm), &f, [p, ldm](void* const* lanes, int count) {
        for (int lane = 0; lane < count; ++lane)
            for (int e = 0; e < Frag::num_elements; ++e) {
                const int i = lane * Frag::num_elements + e, r = i / Frag::kCols, c = i % Frag::kCols;
                const std::size_t at = std::is_same_v<Layout, row_major> ? static_cast<std::size_t>(r) * ldm + c
                                                                         : static_cast<std::size_t>(c) * ldm + r;
                static_cast<Frag*>(lanes[lane])->x[e] = p[at];
            }
    });
}

template <class TA, class TB, class LA, class LB>
void mma_sync(fragment<accumulator, 16, 16, 16, float>& d, const fragment<matrix_a, 16, 16, 16, TA, LA>& a,
              const fragment<matrix_b, 16, 16, 16, TB, LB>& b, const fragment<accumulator, 16, 16, 16, float>& c) {
    using Acc = fragment<accumulator, 16, 16, 16, float>;
    using FragA = fragment<matrix_a, 16, 16, 16, TA, LA>;
    using FragB = fragment<matrix_b, 16, 16, 16, TB, LB>;
    struct Operands {
        Acc* d;
        const FragA* a;
        const FragB* b;
        const Acc* c;
    } mine{&d, &a, &b, &c};
    ::cuda_emu::warp_collective("wmma::mma_sync", &mine, [](void* const* lanes, int count) {
        if (count != 32) ::cuda_emu::fault("wmma::mma_sync in a warp of " + std::to_string(count) + " lanes");
        float ta[256], tb[256], tc[256];  // the whole tiles, gathered from every lane's share
        for (int lane = 0; lane < 32; ++lane) {
            const auto* o = static_cast<const Operands*>(lanes[lane]);
            for (int e = 0; e < 8; ++e) {
                ta[lane * 8 + e] = detail::to_float(o->a->x[e]);
                tb[lane * 8 + e] = detail::to_float(o->b->x[e]);
                tc[lane * 8 + e] = o->c->x[e];
            }
        }
        for (int lane = 0; lane < 32; ++lane)
            for (int e = 0; e < 8; ++e) {
                const int i = lane * 8 + e, r = i / 16, col = i % 16;
                float sum = tc[i];
                for (int p = 0; p < 16; ++p) sum += ta[r * 16 + p] * tb[p * 16 + col];  // FP32 accumulation
                static_cast<const Operands*>(lanes[lane])->d->x[e] = sum;
            }
    });
}

inline void store_matrix_sync(float* p, const fragment<accumulator, 16, 16, 16, float>& f, unsigned ldm, layout_t layout) {
    using Acc = fragment<accumulator, 16, 16, 16, float>;
    detail::check_memory("store_matrix_sync", p, ldm, sizeof(float));
    ::cuda_emu::warp_collective(
        detail::describe("store_matrix_sync", p, ldm), const_cast<Acc*>(&f), [p, ldm, layout](void* const* lanes, int count) {
            for (int lane = 0; lane < count; ++lane)
                for (int e = 0; e < Acc::num_elements; ++e) {
                    const int i = lane * Acc::num_elements + e, r = i / 16, c = i % 16;
                    const std::size_t at =
                        layout == mem_row_major ? static_cast<std::size_t>(r) * ldm + c : static_cast<std::size_t>(c) * ldm + r;
                    p[at] = static_cast<const Acc*>(lanes[lane])->x[e];
                }
        });
}

}  // namespace nvcuda::wmma
