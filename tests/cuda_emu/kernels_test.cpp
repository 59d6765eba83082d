// Every CUDA kernel of the labs (native/cuda/kernels/*.cu, exactly the files nvcc builds) built for
// the host and run in the emulator, on every machine and under ASan and UBSan: each matmul rung at
// the awkward sizes the GPU tests use against an FP64 reference, the launchers' refusals, the bf16
// and fp16 conversions, and the transfer and peak labs' kernels. An out-of-bounds index, a missing
// guard or a missing barrier fails here before a GPU ever runs the kernel.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "compute/cpu/cpu_kernels.h"
#include "guarded_memory.h"
#include "kernels.h"
#include "rung_check.h"
#include "test_matrices.h"

namespace dojo {
namespace {

namespace ck = cuda_kernels;
using cuda_emu::GuardedMemory;

struct Fp32Rung {
    const char* name;
    emu_test::LadderLaunch launch;
    ck::Pad (*pad)();
};

// For the test names CTest lists: the rung's name rather than its bytes.
void PrintTo(const Fp32Rung& rung, std::ostream* os) {
    *os << rung.name;
}

ck::Pad any_size() {
    return {};
}

const Fp32Rung kFp32Rungs[] = {
    {"naive", ck::launch_naive, any_size},
    {"coalesced", ck::launch_coalesced, any_size},
    {"smem_tiled", ck::launch_smem_tiled, any_size},
    {"blocktile_1d", ck::launch_blocktile_1d, ck::blocktile_1d_pad},
    {"blocktile_2d", ck::launch_blocktile_2d, ck::blocktile_2d_pad},
    {"vectorized", ck::launch_vectorized, ck::vectorized_pad},
    {"warptile", ck::launch_warptile, ck::warptile_pad},
};

// m, n, k: the GPU tests' awkward sizes (tests/unit/cuda_matmul_test.cpp) that an emulator runs in
// seconds: one element, sizes one under and over the tiles, non-square ones, a long k, and 97 x 61
// x 45, a multiple of no tile and of no vector width.
const int kSizes[][3] = {{1, 1, 1},    {7, 7, 7},      {33, 33, 33},   {127, 127, 127}, {129, 129, 129},
                         {33, 129, 7}, {129, 257, 31}, {200, 100, 50}, {97, 61, 45},    {1, 1, 1000}};

std::string size_name(const int (&s)[3]) {
    return std::to_string(s[0]) + "x" + std::to_string(s[1]) + "x" + std::to_string(s[2]);
}

class EmulatedFp32Rung : public ::testing::TestWithParam<Fp32Rung> {};

TEST_P(EmulatedFp32Rung, MatchesTheFp64ReferenceAtEveryAwkwardSize) {
    const Fp32Rung& rung = GetParam();
    for (const auto& s : kSizes)
        EXPECT_EQ(emu_test::check_fp32_rung(rung.launch, rung.pad(), s[0], s[1], s[2]), "")
            << rung.name << " at " << size_name(s);
}

INSTANTIATE_TEST_SUITE_P(AllRungs, EmulatedFp32Rung, ::testing::ValuesIn(kFp32Rungs),
                         [](const ::testing::TestParamInfo<Fp32Rung>& p) { return std::string(p.param.name); });

TEST(EmulatedWmmaBf16Rung, MatchesTheFp64ProductOfItsBf16InputsAtEveryAwkwardSize) {
    for (const auto& s : kSizes)
        EXPECT_EQ(emu_test::check_bf16_rung(ck::launch_wmma_bf16, ck::wmma_bf16_pad(), s[0], s[1], s[2]), "") << size_name(s);
}

TEST(EmulatedLaunchers, RefuseSizesThatAreNotMultiplesOfTheirTileWithoutLaunching) {
    for (const Fp32Rung& rung : kFp32Rungs) {
        const ck::Pad pad = rung.pad();
        if (pad.m == 1 && pad.n == 1 && pad.k == 1) continue;
        EXPECT_EQ(rung.launch(nullptr, nullptr, nullptr, pad.m + 1, pad.n, pad.k, nullptr), cudaErrorInvalidValue) << rung.name;
        EXPECT_EQ(rung.launch(nullptr, nullptr, nullptr, pad.m, pad.n, pad.k + 1, nullptr), cudaErrorInvalidValue) << rung.name;
    }
    const ck::Pad pad = ck::wmma_bf16_pad();
    EXPECT_EQ(ck::launch_wmma_bf16(nullptr, nullptr, nullptr, pad.m, pad.n + 1, pad.k, nullptr), cudaErrorInvalidValue);
}

TEST(EmulatedLaunchers, RefuseAGridTooTallForCudaWithoutLaunching) {
    // 65536 blocks down y: one more than CUDA allows.
    EXPECT_EQ(ck::launch_naive(nullptr, nullptr, nullptr, 1, 32 * 65536, 1, nullptr), cudaErrorInvalidConfiguration);
    EXPECT_EQ(ck::launch_coalesced(nullptr, nullptr, nullptr, 32 * 65536, 1, 1, nullptr), cudaErrorInvalidConfiguration);
    EXPECT_EQ(ck::launch_smem_tiled(nullptr, nullptr, nullptr, 32 * 65536, 1, 1, nullptr), cudaErrorInvalidConfiguration);
    EXPECT_EQ(ck::launch_blocktile_1d(nullptr, nullptr, nullptr, 64 * 65536, 64, 8, nullptr), cudaErrorInvalidConfiguration);
    EXPECT_EQ(ck::launch_warptile(nullptr, nullptr, nullptr, 128 * 65536, 128, 16, nullptr), cudaErrorInvalidConfiguration);
}

// Inputs for the conversions: the test matrices' values at several scales, and the edge cases.
std::vector<float> conversion_inputs() {
    const Matrix m = test::filled(1, 600, 7);
    std::vector<float> v;
    for (float scale : {1.0f, 1e-3f, 7e4f, 3e-6f, 1e30f}) {
        for (int i = 0; i < 150; ++i) v.push_back(m.data[static_cast<std::size_t>(i)] * scale);
    }
    const float inf = std::numeric_limits<float>::infinity();
    for (float x : {0.0f,
                    -0.0f,
                    1.0f,
                    -1.0f,
                    65504.0f,
                    65519.0f,
                    65520.0f,
                    -65520.0f,
                    1e-8f,
                    5.96e-8f,
                    2.98e-8f,
                    6.1e-5f,
                    1.0f + 1.0f / 256,
                    1.0f + 3.0f / 256,
                    1.0f + 1.0f / 2048,
                    3.4e38f,
                    inf,
                    -inf,
                    std::numeric_limits<float>::quiet_NaN(),
                    std::numeric_limits<float>::denorm_min()})
        v.push_back(x);
    return v;
}

float from_bits(std::uint32_t bits) {
    float x = 0;
    std::memcpy(&x, &bits, sizeof x);
    return x;
}

float half_to_float(std::uint16_t h) {
    const int exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
    const float sign = (h & 0x8000) ? -1.0f : 1.0f;
    if (exponent == 31) return mantissa ? std::numeric_limits<float>::quiet_NaN() : sign * std::numeric_limits<float>::infinity();
    if (exponent == 0) return sign * std::ldexp(static_cast<float>(mantissa), -24);
    return sign * std::ldexp(static_cast<float>(mantissa + 1024), exponent - 25);
}

// The nearest bf16 to x, ties to the even one, found by comparing the two candidates around it.
std::uint16_t nearest_bf16(float x) {
    std::uint32_t f = 0;
    std::memcpy(&f, &x, sizeof f);
    const std::uint32_t low = f & 0xffff0000u, high = low + 0x10000u;
    auto value = [](std::uint32_t bits) {  // beyond the largest finite bf16, the next step is 2^128
        return (bits & 0x7f800000u) == 0x7f800000u ? std::copysign(std::ldexp(1.0, 128), from_bits(bits)) : from_bits(bits);
    };
    const double dl = std::abs(static_cast<double>(x) - value(low)), dh = std::abs(static_cast<double>(x) - value(high));
    if (dl < dh || (dl == dh && ((low >> 16) & 1u) == 0)) return static_cast<std::uint16_t>(low >> 16);
    return static_cast<std::uint16_t>(high >> 16);
}

TEST(EmulatedConversionKernels, ToHalfRoundsAsTheCpuPrecisionLabDoes) {
    const std::vector<float> in = conversion_inputs();
    GuardedMemory src(in.size() * sizeof(float)), dst(in.size() * sizeof(std::uint16_t));
    std::memcpy(src.data(), in.data(), src.bytes());
    ASSERT_EQ(
        ck::launch_to_half(static_cast<const float*>(src.data()), static_cast<std::uint16_t*>(dst.data()), in.size(), nullptr),
        cudaSuccess)
        << cuda_emu::last_launch().message;
    EXPECT_EQ(dst.guards_intact("the fp16 output"), "");
    const auto* out = static_cast<const std::uint16_t*>(dst.data());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const float got = half_to_float(out[i]), want = cpu::round_to_fp16(in[i]);
        if (std::isnan(want))
            EXPECT_TRUE(std::isnan(got)) << in[i];
        else
            EXPECT_EQ(got, want) << "fp16 of " << in[i] << " (element " << i << ")";
    }
}

TEST(EmulatedConversionKernels, ToBf16RoundsToTheNearestEven) {
    const std::vector<float> in = conversion_inputs();
    GuardedMemory src(in.size() * sizeof(float)), dst(in.size() * sizeof(std::uint16_t));
    std::memcpy(src.data(), in.data(), src.bytes());
    ASSERT_EQ(
        ck::launch_to_bf16(static_cast<const float*>(src.data()), static_cast<std::uint16_t*>(dst.data()), in.size(), nullptr),
        cudaSuccess)
        << cuda_emu::last_launch().message;
    EXPECT_EQ(dst.guards_intact("the bf16 output"), "");
    const auto* out = static_cast<const std::uint16_t*>(dst.data());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (std::isnan(in[i]))
            EXPECT_TRUE(std::isnan(from_bits(static_cast<std::uint32_t>(out[i]) << 16))) << "bf16 of NaN";
        else
            EXPECT_EQ(out[i], nearest_bf16(in[i])) << "bf16 of " << in[i] << " (element " << i << ")";
    }
}

TEST(EmulatedLabKernels, FillPatternWritesEveryWordAndTailByteAndNothingElse) {
    const std::uint64_t seed = 0x5eed;
    for (std::uint64_t bytes :
         {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{7}, std::uint64_t{8}, std::uint64_t{8 * 300 + 3}}) {
        SCOPED_TRACE(std::to_string(bytes) + " bytes");
        GuardedMemory buffer(bytes);
        ASSERT_EQ(ck::launch_fill_pattern(buffer.data(), bytes, seed, nullptr), cudaSuccess) << cuda_emu::last_launch().message;
        EXPECT_EQ(buffer.guards_intact("the buffer"), "");
        const auto* p = static_cast<const unsigned char*>(buffer.data());
        const std::uint64_t words = bytes / 8;
        for (std::uint64_t i = 0; i < words; ++i) {
            std::uint64_t w = 0;
            std::memcpy(&w, p + i * 8, 8);
            ASSERT_EQ(w, ck::pattern_word(i, seed)) << "word " << i;
        }
        for (std::uint64_t i = words * 8; i < bytes; ++i) ASSERT_EQ(p[i], ck::pattern_tail_byte(i, seed)) << "byte " << i;
    }
}

TEST(EmulatedLabKernels, CopyFloat4CopiesEveryElementAcrossAGridStride) {
    const std::uint64_t count = 1000;  // 3 blocks of 256 threads: each thread copies one or two
    GuardedMemory in(count * 16), out(count * 16);
    auto* src = static_cast<float*>(in.data());
    for (std::uint64_t i = 0; i < count * 4; ++i) src[i] = static_cast<float>(i) * 0.5f;
    ASSERT_EQ(ck::launch_copy_float4(in.data(), out.data(), count, 3, nullptr), cudaSuccess) << cuda_emu::last_launch().message;
    EXPECT_EQ(out.guards_intact("the copy"), "");
    EXPECT_EQ(std::memcmp(in.data(), out.data(), count * 16), 0);
    EXPECT_EQ(ck::launch_copy_float4(in.data(), out.data(), count, 0, nullptr), cudaErrorInvalidValue);
}

TEST(EmulatedLabKernels, FmaPeakNeverTakesItsImpossibleStore) {
    GuardedMemory sink(sizeof(float));
    const float untouched = 42.0f;
    std::memcpy(sink.data(), &untouched, sizeof untouched);
    ASSERT_EQ(ck::launch_fma_peak(static_cast<float*>(sink.data()), 2, 96, 40, nullptr), cudaSuccess)
        << cuda_emu::last_launch().message;
    float after = 0;
    std::memcpy(&after, sink.data(), sizeof after);
    EXPECT_EQ(after, untouched);
    EXPECT_EQ(sink.guards_intact("the sink"), "");
    EXPECT_EQ(ck::launch_fma_peak(static_cast<float*>(sink.data()), 1, 1025, 1, nullptr), cudaErrorInvalidValue);
}

}  // namespace
}  // namespace dojo
