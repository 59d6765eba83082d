// The emulated run of one matmul rung against the FP64 reference (see rung_check.h).
#include "rung_check.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>
#include <vector>

#include "compute/matmul.h"
#include "guarded_memory.h"
#include "test_matrices.h"

namespace dojo::emu_test {

namespace {

using cuda_emu::GuardedMemory;

int round_up(int v, int multiple) {
    return (v + multiple - 1) / multiple * multiple;
}

// A "device" buffer of `rows` x `cols` T between guards, holding `src` (rows x src.cols of it)
// zero-padded, or all NaN when there is no source.
template <class T>
struct DeviceMatrix {
    GuardedMemory memory;
    int rows, cols;
    DeviceMatrix(int r, int c)
        : memory(static_cast<std::size_t>(r) * static_cast<std::size_t>(c) * sizeof(T)), rows(r), cols(c) {}
    T* data() const { return static_cast<T*>(memory.data()); }
    T& at(int r, int c) const {
        return data()[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(c)];
    }
    void fill_padded(const Matrix& src) {
        std::memset(data(), 0, memory.bytes());
        for (int r = 0; r < src.rows; ++r)
            for (int c = 0; c < src.cols; ++c) at(r, c) = static_cast<T>(src.at(r, c));
    }
    std::vector<T> copy() const { return std::vector<T>(data(), data() + static_cast<std::size_t>(rows) * cols); }
};

std::string launch_problem(cudaError_t e, const char* what) {
    if (e == cudaSuccess) return {};
    std::ostringstream s;
    s << what << " returned CUDA error " << static_cast<int>(e) << ": " << cuda_emu::last_launch().message;
    return s.str();
}

float bf16_value(std::uint16_t bits) {
    const std::uint32_t f = static_cast<std::uint32_t>(bits) << 16;
    float x = 0;
    std::memcpy(&x, &f, sizeof x);
    return x;
}

// C (pm x pn, the top-left m x n compared) against A * B in double; `a` and `b` hold the values the
// kernel multiplied (after any rounding to bf16).
std::string compare(const DeviceMatrix<float>& c, const std::vector<double>& a, const std::vector<double>& b, int m, int n,
                    int k) {
    for (int r = 0; r < c.rows; ++r)
        for (int col = 0; col < c.cols; ++col)
            if (!std::isfinite(c.at(r, col)))
                return "C(" + std::to_string(r) + "," + std::to_string(col) + ") of the " + std::to_string(c.rows) + "x" +
                       std::to_string(c.cols) + " C the kernel computes is " + std::to_string(c.at(r, col)) +
                       " (C starts as NaN: never written, or computed from a value never written)";
    std::vector<double> ref(static_cast<std::size_t>(m) * n, 0.0);
    double max_ref = 0;
    for (int r = 0; r < m; ++r)
        for (int p = 0; p < k; ++p) {
            const double av = a[static_cast<std::size_t>(r) * k + p];
            for (int col = 0; col < n; ++col)
                ref[static_cast<std::size_t>(r) * n + col] += av * b[static_cast<std::size_t>(p) * n + col];
        }
    for (double v : ref) max_ref = std::max(max_ref, std::abs(v));
    const double tolerance = error_tolerance(NumberFormat::FP32, k) * (max_ref > 0 ? max_ref : 1.0);
    for (int r = 0; r < m; ++r)
        for (int col = 0; col < n; ++col) {
            const double want = ref[static_cast<std::size_t>(r) * n + col], got = c.at(r, col);
            if (std::abs(got - want) > tolerance) {
                std::ostringstream s;
                s << "C(" << r << "," << col << ") is " << got << ", the FP64 reference says " << want << " (off by "
                  << std::abs(got - want) << ", tolerance " << tolerance << ")";
                return s.str();
            }
        }
    return {};
}

template <class T>
std::string untouched(const DeviceMatrix<T>& m, const std::vector<T>& before, const char* name) {
    if (std::string bad = m.memory.guards_intact(name); !bad.empty()) return bad;
    if (std::memcmp(m.data(), before.data(), before.size() * sizeof(T)) != 0)
        return std::string("the kernel changed its input ") + name;
    return {};
}

}  // namespace

std::string check_fp32_rung(LadderLaunch launch, cuda_kernels::Pad pad, int m, int n, int k) {
    const int pm = round_up(m, pad.m), pn = round_up(n, pad.n), pk = round_up(k, pad.k);
    const Matrix ha = test::filled(m, k, 1), hb = test::filled(k, n, 2);
    DeviceMatrix<float> a(pm, pk), b(pk, pn), c(pm, pn);
    a.fill_padded(ha);
    b.fill_padded(hb);
    const std::vector<float> a0 = a.copy(), b0 = b.copy();
    if (std::string bad = launch_problem(launch(a.data(), b.data(), c.data(), pm, pn, pk, nullptr), "the launcher"); !bad.empty())
        return bad;
    for (const std::string& bad : {untouched(a, a0, "A"), untouched(b, b0, "B"), c.memory.guards_intact("C")})
        if (!bad.empty()) return bad;
    return compare(c, std::vector<double>(ha.data.begin(), ha.data.end()), std::vector<double>(hb.data.begin(), hb.data.end()), m,
                   n, k);
}

std::string check_bf16_rung(Bf16Launch launch, cuda_kernels::Pad pad, int m, int n, int k) {
    const int pm = round_up(m, pad.m), pn = round_up(n, pad.n), pk = round_up(k, pad.k);
    const Matrix ha = test::filled(m, k, 1), hb = test::filled(k, n, 2);
    DeviceMatrix<float> a(pm, pk), b(pk, pn), c(pm, pn);
    DeviceMatrix<std::uint16_t> a16(pm, pk), b16(pk, pn);
    a.fill_padded(ha);
    b.fill_padded(hb);
    // As the backend does: the padded fp32 inputs converted to bf16 on the device.
    const std::size_t a_count = static_cast<std::size_t>(pm) * pk, b_count = static_cast<std::size_t>(pk) * pn;
    for (const std::string& bad :
         {launch_problem(cuda_kernels::launch_to_bf16(a.data(), a16.data(), a_count, nullptr), "to_bf16 of A"),
          launch_problem(cuda_kernels::launch_to_bf16(b.data(), b16.data(), b_count, nullptr), "to_bf16 of B")})
        if (!bad.empty()) return bad;
    const std::vector<std::uint16_t> a0 = a16.copy(), b0 = b16.copy();
    if (std::string bad = launch_problem(launch(a16.data(), b16.data(), c.data(), pm, pn, pk, nullptr), "the launcher");
        !bad.empty())
        return bad;
    for (const std::string& bad : {untouched(a16, a0, "A (bf16)"), untouched(b16, b0, "B (bf16)"), c.memory.guards_intact("C")})
        if (!bad.empty()) return bad;
    std::vector<double> ra(static_cast<std::size_t>(m) * k), rb(static_cast<std::size_t>(k) * n);
    for (int r = 0; r < m; ++r)
        for (int p = 0; p < k; ++p) ra[static_cast<std::size_t>(r) * k + p] = bf16_value(a16.at(r, p));
    for (int p = 0; p < k; ++p)
        for (int col = 0; col < n; ++col) rb[static_cast<std::size_t>(p) * n + col] = bf16_value(b16.at(p, col));
    return compare(c, ra, rb, m, n, k);
}

}  // namespace dojo::emu_test
