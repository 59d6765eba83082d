// The number-formats explorer's model against values worked by hand (the working is written beside
// each), its test tensor against an independent implementation of the generator, the errors'
// sizes against what rounding theory predicts, and the view drawn headless at lesson and phone
// widths.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "explorer_views_fixture.h"
#include "explorers/quant_formats.h"
#include "headless_imgui.h"
#include "ui/explorers_view.h"
#include "ui/widget_registry.h"

namespace dojo {
namespace {

TEST(QuantFormats, ListsTheFormatsLessonsName) {
    const std::vector<std::string> expected = {"fp32",  "bf16",  "fp16",  "fp8-e4m3", "fp8-e5m2", "mxfp8",
                                               "mxfp6", "mxfp4", "nvfp4", "int8",     "int4"};
    EXPECT_EQ(quant_format_ids(), expected);
}

// ---- Rounding --------------------------------------------------------------------------------------

TEST(QuantFormats, RoundHalfEven) {
    EXPECT_EQ(round_half_even(2.5), 2);
    EXPECT_EQ(round_half_even(3.5), 4);
    EXPECT_EQ(round_half_even(0.5), 0);
    EXPECT_EQ(round_half_even(1.5), 2);
    EXPECT_EQ(round_half_even(-2.5), -2);
    EXPECT_EQ(round_half_even(-3.5), -4);
    EXPECT_EQ(round_half_even(2.4), 2);
    EXPECT_EQ(round_half_even(-0.6), -1);
    EXPECT_EQ(round_half_even(7.0), 7);
}

TEST(QuantFormats, LargestExponents) {
    // max = 1.75 x 2^8 (E4M3), 1.75 x 2^15 (E5M2), 1.875 x 2^2 (E2M3), 1.5 x 2^2 (E2M1),
    // 65504 = 1.999 x 2^15 (FP16), (2 - 2^-7) x 2^127 (BF16).
    EXPECT_EQ(kE4M3.emax(), 8);
    EXPECT_EQ(kE5M2.emax(), 15);
    EXPECT_EQ(kE2M3.emax(), 2);
    EXPECT_EQ(kE2M1.emax(), 2);
    EXPECT_EQ(kFp16.emax(), 15);
    EXPECT_EQ(kBf16.emax(), 127);
}

TEST(QuantFormats, Fp8E4M3ByHand) {
    // 0.3 = 1.2 x 2^-2; 3 mantissa bits: step 2^-5; 0.3 x 32 = 9.6 -> 10 -> 10/32 = 0.3125.
    EXPECT_DOUBLE_EQ(quantize_value(0.3, kE4M3), 0.3125);
    EXPECT_DOUBLE_EQ(quantize_value(-0.3, kE4M3), -0.3125);
    // 0.1 = 1.6 x 2^-4; step 2^-7; 12.8 -> 13 -> 13/128 = 0.1015625.
    EXPECT_DOUBLE_EQ(quantize_value(0.1, kE4M3), 0.1015625);
    // 17 = 1.0625 x 2^4; step 2: 8.5 is a tie -> 8 (even) -> 16. 19: 9.5 -> 10 -> 20.
    EXPECT_DOUBLE_EQ(quantize_value(17, kE4M3), 16);
    EXPECT_DOUBLE_EQ(quantize_value(19, kE4M3), 20);
    // The largest value stays; 464 is halfway to 480 (14.5 steps of 32) and rounds to even, 448;
    // 465 rounds to 480, past the largest: saturated to 448, and counted as clipped.
    EXPECT_DOUBLE_EQ(quantize_value(448, kE4M3), 448);
    EXPECT_FALSE(round_to(448, kE4M3).clipped);
    EXPECT_DOUBLE_EQ(quantize_value(464, kE4M3), 448);
    EXPECT_FALSE(round_to(464, kE4M3).clipped);
    EXPECT_DOUBLE_EQ(quantize_value(465, kE4M3), 448);
    EXPECT_TRUE(round_to(465, kE4M3).clipped);
    EXPECT_DOUBLE_EQ(quantize_value(500, kE4M3), 448);
    EXPECT_TRUE(round_to(500, kE4M3).clipped);
    EXPECT_DOUBLE_EQ(quantize_value(-1e6, kE4M3), -448);
    // Subnormals: below 2^-6 the step stays 2^-9. 2^-9 stays; 2^-10 is half a step: a tie, to 0;
    // 3 x 2^-11 is 0.75 of a step: up to 2^-9. The smallest normal 2^-6 stays.
    EXPECT_DOUBLE_EQ(quantize_value(0x1p-9, kE4M3), 0x1p-9);
    EXPECT_DOUBLE_EQ(quantize_value(0x1p-10, kE4M3), 0);
    EXPECT_DOUBLE_EQ(quantize_value(3 * 0x1p-11, kE4M3), 0x1p-9);
    EXPECT_DOUBLE_EQ(quantize_value(0x1p-6, kE4M3), 0x1p-6);
    // 5 x 2^-10 = 2.5 steps -> 2 (even) -> 2^-8.
    EXPECT_DOUBLE_EQ(quantize_value(5 * 0x1p-10, kE4M3), 0x1p-8);
}

TEST(QuantFormats, Fp8E5M2ByHand) {
    // 0.2 = 1.6 x 2^-3; 2 mantissa bits: step 2^-5; 6.4 -> 6 -> 0.1875 (E4M3 keeps 0.203125: 12.8 -> 13 / 64).
    EXPECT_DOUBLE_EQ(quantize_value(0.2, kE5M2), 0.1875);
    EXPECT_DOUBLE_EQ(quantize_value(0.2, kE4M3), 0.203125);
    // 57344 = 1.75 x 2^15 stays; 60000 / 8192 = 7.32 -> 7 -> 57344; 61440 = 7.5 steps -> 8 -> 65536,
    // past the largest: clipped.
    EXPECT_DOUBLE_EQ(quantize_value(57344, kE5M2), 57344);
    EXPECT_DOUBLE_EQ(quantize_value(60000, kE5M2), 57344);
    EXPECT_FALSE(round_to(60000, kE5M2).clipped);
    EXPECT_TRUE(round_to(61440, kE5M2).clipped);
    EXPECT_DOUBLE_EQ(quantize_value(61440, kE5M2), 57344);
    // Subnormals step 2^-16.
    EXPECT_DOUBLE_EQ(quantize_value(0x1p-16, kE5M2), 0x1p-16);
    EXPECT_DOUBLE_EQ(quantize_value(0x1p-17, kE5M2), 0);
}

TEST(QuantFormats, Fp16ByHand) {
    // 1/3 = 1.0101010101|0101... x 2^-2 in binary: the bits after the tenth are below half: down,
    // 1.0101010101b x 2^-2 = (1024 + 341) / 4096 = 0.333251953125.
    EXPECT_DOUBLE_EQ(quantize_value(1.0 / 3, kFp16), 0.333251953125);
    // 1 + 2^-11 is a tie between 1 and 1 + 2^-10: to even, 1. 1 + 3 x 2^-11 -> 1 + 2^-9.
    EXPECT_DOUBLE_EQ(quantize_value(1 + 0x1p-11, kFp16), 1);
    EXPECT_DOUBLE_EQ(quantize_value(1 + 3 * 0x1p-11, kFp16), 1 + 0x1p-9);
    // 65504 is the largest; 65519 rounds down to it (2047.47 steps of 32); 65520 is a tie between 65504
    // and 65536 and goes to even (65536), which does not exist: infinity (IEEE), counted as clipped.
    EXPECT_DOUBLE_EQ(quantize_value(65504, kFp16), 65504);
    EXPECT_DOUBLE_EQ(quantize_value(65519, kFp16), 65504);
    EXPECT_FALSE(round_to(65519, kFp16).clipped);
    EXPECT_TRUE(std::isinf(quantize_value(65520, kFp16)));
    EXPECT_TRUE(round_to(65520, kFp16).clipped);
    EXPECT_TRUE(std::isinf(quantize_value(-1e5, kFp16)) && quantize_value(-1e5, kFp16) < 0);
    // Subnormals to 2^-24; 2^-25 is half of it: a tie, to 0.
    EXPECT_DOUBLE_EQ(quantize_value(0x1p-24, kFp16), 0x1p-24);
    EXPECT_DOUBLE_EQ(quantize_value(0x1p-25, kFp16), 0);
    EXPECT_DOUBLE_EQ(quantize_value(0.1, kFp16), 1638.0 / 16384);  // 1.6 x 2^-4: 1638.4 steps of 2^-14 -> 1638
}

TEST(QuantFormats, Bf16ByHand) {
    // 1/3 = 1.0101010|1010... x 2^-2: the bits after the seventh are above half: up,
    // 1.0101011b x 2^-2 = 1.3359375 / 4 = 0.333984375.
    EXPECT_DOUBLE_EQ(quantize_value(1.0 / 3, kBf16), 0.333984375);
    // pi = 1.5708 x 2^1; step 2^-6: 201.06 -> 201 -> 3.140625.
    EXPECT_DOUBLE_EQ(quantize_value(3.14159265358979, kBf16), 3.140625);
    // 1 + 2^-8 is a tie: to 1. 1 + 3 x 2^-8 -> 1 + 2^-6.
    EXPECT_DOUBLE_EQ(quantize_value(1 + 0x1p-8, kBf16), 1);
    EXPECT_DOUBLE_EQ(quantize_value(1 + 3 * 0x1p-8, kBf16), 1.015625);
    // FP32's range: 1e38 stays finite (about 2^126.2), 65520 is just 65536 (8 bits of precision).
    EXPECT_TRUE(std::isfinite(quantize_value(1e38, kBf16)));
    EXPECT_DOUBLE_EQ(quantize_value(65520, kBf16), 65536);
}

TEST(QuantFormats, Fp4E2M1Grid) {
    // Every E2M1 value maps to itself, with either sign.
    for (double v : {0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0}) {
        EXPECT_DOUBLE_EQ(quantize_value(v, kE2M1), v);
        EXPECT_DOUBLE_EQ(quantize_value(-v, kE2M1), -v);
    }
    // Between them, to the nearest; ties to the even mantissa (0.25 -> 0, 0.75 -> 1, 1.25 -> 1,
    // 1.75 -> 2, 2.5 -> 2, 3.5 -> 4, 5 -> 4).
    EXPECT_DOUBLE_EQ(quantize_value(0.25, kE2M1), 0);
    EXPECT_DOUBLE_EQ(quantize_value(0.75, kE2M1), 1);
    EXPECT_DOUBLE_EQ(quantize_value(1.25, kE2M1), 1);
    EXPECT_DOUBLE_EQ(quantize_value(1.75, kE2M1), 2);
    EXPECT_DOUBLE_EQ(quantize_value(2.5, kE2M1), 2);
    EXPECT_DOUBLE_EQ(quantize_value(3.5, kE2M1), 4);
    EXPECT_DOUBLE_EQ(quantize_value(5, kE2M1), 4);
    EXPECT_DOUBLE_EQ(quantize_value(0.3, kE2M1), 0.5);
    // 6.5 rounds to 6; 7 is a tie between 6 and 8, to 8, which is past the largest: clipped to 6.
    EXPECT_DOUBLE_EQ(quantize_value(6.5, kE2M1), 6);
    EXPECT_FALSE(round_to(6.5, kE2M1).clipped);
    EXPECT_DOUBLE_EQ(quantize_value(7, kE2M1), 6);
    EXPECT_TRUE(round_to(7, kE2M1).clipped);
    EXPECT_DOUBLE_EQ(quantize_value(-100, kE2M1), -6);
}

TEST(QuantFormats, Fp6E2M3ByHand) {
    // Largest 1.875 x 4 = 7.5; 7.3 is 14.6 steps of 0.5 -> 15 -> 7.5; 7.75 -> 16 steps = 8: clipped.
    EXPECT_DOUBLE_EQ(quantize_value(7.5, kE2M3), 7.5);
    EXPECT_DOUBLE_EQ(quantize_value(7.3, kE2M3), 7.5);
    EXPECT_DOUBLE_EQ(quantize_value(7.75, kE2M3), 7.5);
    EXPECT_TRUE(round_to(7.75, kE2M3).clipped);
    // Below 1 the step stays 1/8: 0.3 -> 2.4 steps -> 0.25; 0.0625 is half a step -> 0; 0.125 stays.
    EXPECT_DOUBLE_EQ(quantize_value(0.3, kE2M3), 0.25);
    EXPECT_DOUBLE_EQ(quantize_value(0.0625, kE2M3), 0);
    EXPECT_DOUBLE_EQ(quantize_value(0.125, kE2M3), 0.125);
    // 2.7 = 1.35 x 2; step 0.25: 10.8 -> 11 -> 2.75.
    EXPECT_DOUBLE_EQ(quantize_value(2.7, kE2M3), 2.75);
}

TEST(QuantFormats, MxSharedExponent) {
    // amax 10: floor(log2 10) = 3; E2M1/E2M3 emax 2 -> 2^(3 - 2) = 2. E4M3 emax 8 -> 2^-5.
    EXPECT_EQ(mx_shared_exponent(10, 2), 1);
    EXPECT_EQ(mx_shared_exponent(10, 8), -5);
    EXPECT_EQ(mx_shared_exponent(4, 2), 0);          // log2 4 = 2 exactly
    EXPECT_EQ(mx_shared_exponent(3.99, 2), -1);      // floor(1.996) = 1
    EXPECT_EQ(mx_shared_exponent(0.3, 2), -4);       // floor(-1.74) = -2
    EXPECT_EQ(mx_shared_exponent(0, 2), -127);       // a block of zeros
    EXPECT_EQ(mx_shared_exponent(0x1p200, 2), 127);  // E8M0 reaches 2^127 at most
}

// ---- Tensors through each format, worked by hand -------------------------------------------------

std::vector<float> block(std::initializer_list<float> head, std::size_t size) {
    std::vector<float> x(head);
    x.resize(size, 0.0f);
    return x;
}

TEST(QuantFormats, MxFp4BlocksByHand) {
    // Block 1, amax 15: floor(log2 15) = 3, scale 2^(3-2) = 2. 15/2 = 7.5 rounds to 8 (step 2 at 4..8),
    // past 6: clipped to 6 -> 12. 1/2 = 0.5 -> 1. -3/2 = -1.5 -> -3. 0.4/2 = 0.2 -> 0 (zeroed).
    // Block 2, amax 0.3: floor(log2 0.3) = -2, scale 2^-4 = 1/16. 0.3 x 16 = 4.8 -> 4 (step 2: 2.4 -> 2)
    // -> 0.25; -0.2 x 16 = -3.2 -> -3 -> -0.1875.
    std::vector<float> x = block({15, 1, -3, 0.4f}, 32);
    const std::vector<float> second = block({0.3f, -0.2f}, 32);
    x.insert(x.end(), second.begin(), second.end());
    const QuantizedTensor q = quantize_tensor("mxfp4", x);
    ASSERT_EQ(q.values.size(), 64u);
    EXPECT_DOUBLE_EQ(q.values[0], 12);
    EXPECT_DOUBLE_EQ(q.values[1], 1);
    EXPECT_DOUBLE_EQ(q.values[2], -3);
    EXPECT_DOUBLE_EQ(q.values[3], 0);
    EXPECT_DOUBLE_EQ(q.values[32], 0.25);
    EXPECT_DOUBLE_EQ(q.values[33], -0.1875);
    EXPECT_EQ(q.zeroed, 1);
    EXPECT_EQ(q.clipped, 1);
}

TEST(QuantFormats, MxFp8BlockByHand) {
    // amax 500: floor(log2 500) = 8, scale 2^(8-8) = 1: 500 -> 448, clipped; 0.3 -> 0.3125.
    // amax 1: scale 2^-8: 1 -> 256 -> 1 exactly; 0.3 -> 76.8, step 8 at 64..128 -> 9.6 -> 10 -> 80 -> 0.3125.
    std::vector<float> x = block({500, 0.3f}, 32);
    const std::vector<float> second = block({1, 0.3f}, 32);
    x.insert(x.end(), second.begin(), second.end());
    const QuantizedTensor q = quantize_tensor("mxfp8", x);
    EXPECT_DOUBLE_EQ(q.values[0], 448);
    EXPECT_DOUBLE_EQ(q.values[1], 0.3125);
    EXPECT_DOUBLE_EQ(q.values[32], 1);
    EXPECT_DOUBLE_EQ(q.values[33], 0.3125);
    EXPECT_EQ(q.clipped, 1);
    EXPECT_EQ(q.zeroed, 0);
}

TEST(QuantFormats, NvFp4BlocksByHand) {
    // Global scale g = 6 / (448 x 6) = 1/448 (in FP32). Block 1, amax 6: scale 6/6/g = 448 -> 448, so
    // elements are in units of 448 g = 1: 6 -> 6, 2.6 -> 3 (step 1 at 2..4: 2.6 -> 3), 0.2 -> 0 (zeroed).
    // Block 2, amax 0.7: 0.7/6 x 448 = 52.27 -> E4M3 (step 4 at 32..64): 13.07 -> 13 -> 52; unit
    // 52/448 = 0.116071; 0.7 / 0.116071 = 6.03 -> 6 -> 6 x 52/448 = 0.696429; 0.2 / 0.116071 = 1.72 -> 1.5
    // -> 1.5 x 52/448 = 0.174107.
    std::vector<float> x = block({6, 2.6f, 0.2f}, 16);
    const std::vector<float> second = block({0.7f, 0.2f}, 16);
    x.insert(x.end(), second.begin(), second.end());
    const QuantizedTensor q = quantize_tensor("nvfp4", x);
    ASSERT_EQ(q.values.size(), 32u);
    EXPECT_NEAR(q.values[0], 6, 1e-6);
    EXPECT_NEAR(q.values[1], 3, 1e-6);
    EXPECT_EQ(q.values[2], 0);
    EXPECT_NEAR(q.values[16], 6 * 52 / 448.0, 1e-6);
    EXPECT_NEAR(q.values[17], 1.5 * 52 / 448.0, 1e-6);
    EXPECT_EQ(q.zeroed, 1);
    EXPECT_EQ(q.clipped, 0);
}

TEST(QuantFormats, PerTensorFp8ByHand) {
    // amax 896: scale 896/448 = 2 exactly. 0.3/2 = 0.15 = 1.2 x 2^-3, step 2^-6: 9.6 -> 10 -> 0.15625 ->
    // 0.3125. 34/2 = 17 -> 16 (tie to even) -> 32. 2^-10/2 = 2^-11, a quarter of the smallest
    // subnormal 2^-9 -> 0 (zeroed).
    const std::vector<float> x = {896, 0.3f, 34, 0x1p-10f};
    const QuantizedTensor q = quantize_tensor("fp8-e4m3", x);
    EXPECT_DOUBLE_EQ(q.values[0], 896);
    EXPECT_DOUBLE_EQ(q.values[1], 0.3125);
    EXPECT_DOUBLE_EQ(q.values[2], 32);
    EXPECT_DOUBLE_EQ(q.values[3], 0);
    EXPECT_EQ(q.zeroed, 1);
    EXPECT_EQ(q.clipped, 0);
    // E5M2 with amax 57344 x 4: scale 4. 0.8/4 = 0.2 -> 0.1875 -> 0.75.
    const QuantizedTensor e5 = quantize_tensor("fp8-e5m2", {57344.0f * 4, 0.8f});
    EXPECT_DOUBLE_EQ(e5.values[0], 57344.0 * 4);
    EXPECT_DOUBLE_EQ(e5.values[1], 0.75);
}

TEST(QuantFormats, Int8ByHand) {
    // amax 127: scale 1. 50.5 -> 50 and 51.5 -> 52 (ties to even); -0.3 -> 0 (zeroed); 0.6 -> 1.
    const QuantizedTensor q = quantize_tensor("int8", {127, 50.5f, 51.5f, -0.3f, 0.6f});
    EXPECT_DOUBLE_EQ(q.values[0], 127);
    EXPECT_DOUBLE_EQ(q.values[1], 50);
    EXPECT_DOUBLE_EQ(q.values[2], 52);
    EXPECT_DOUBLE_EQ(q.values[3], 0);
    EXPECT_DOUBLE_EQ(q.values[4], 1);
    EXPECT_EQ(q.zeroed, 1);
    // amax 254: scale 2; 3 -> 1.5 -> 2 -> 4; -5 -> -2.5 -> -2 -> -4.
    const QuantizedTensor q2 = quantize_tensor("int8", {254, 3, -5});
    EXPECT_DOUBLE_EQ(q2.values[1], 4);
    EXPECT_DOUBLE_EQ(q2.values[2], -4);
}

TEST(QuantFormats, Int4GroupsByHand) {
    // Group 1, amax 7: scale FP16(7/7) = 1: 3.5 -> 4, -2.5 -> -2, 0.4 -> 0 (zeroed), -7 -> -7.
    // Group 2, amax 0.1: 0.1/7 = 0.0142857 = 1.8286 x 2^-7; FP16 step 2^-17: 1872.46 -> 1872, so the
    // scale is 1872 / 131072 = 0.0142822265625; 0.1 / scale = 7.0017 -> 7 -> 0.0999755859375.
    std::vector<float> x = block({7, 3.5f, -2.5f, 0.4f, -7}, 128);
    const std::vector<float> second = block({0.1f}, 128);
    x.insert(x.end(), second.begin(), second.end());
    const QuantizedTensor q = quantize_tensor("int4", x);
    EXPECT_DOUBLE_EQ(q.values[0], 7);
    EXPECT_DOUBLE_EQ(q.values[1], 4);
    EXPECT_DOUBLE_EQ(q.values[2], -2);
    EXPECT_DOUBLE_EQ(q.values[3], 0);
    EXPECT_DOUBLE_EQ(q.values[4], -7);  // -7..7: -8 is never used
    EXPECT_DOUBLE_EQ(q.values[128], 0.0999755859375);
    EXPECT_EQ(q.zeroed, 1);
    EXPECT_EQ(q.clipped, 0);
}

TEST(QuantFormats, UnknownFormatGivesNothing) {
    EXPECT_TRUE(quantize_tensor("fp7", {1, 2}).values.empty());
    EXPECT_EQ(quant_format_name("fp7"), "fp7");
    EXPECT_EQ(quant_format_bits("fp7"), 0);
}

// ---- The test tensor -----------------------------------------------------------------------------

TEST(QuantFormats, TensorIsTheGeneratorsOutput) {
    // The first values and the last, from a separate implementation of splitmix64 (seed 0xC0FFEE2024)
    // and Marsaglia's polar method in Python, rounded to FP32.
    const std::vector<float> x = make_test_tensor({});
    ASSERT_EQ(x.size(), 4096u);
    EXPECT_EQ(x[0], 0.10040953755378723f);
    EXPECT_EQ(x[1], 2.3622515201568604f);
    EXPECT_EQ(x[2], 0.7669740319252014f);
    EXPECT_EQ(x[3], -1.0487643480300903f);
    EXPECT_EQ(x[4095], -0.35447168350219727f);
    EXPECT_EQ(make_test_tensor({}), x);  // the same every time
}

TEST(QuantFormats, TensorLooksNormal) {
    // Mean 0 (standard error 1/64), standard deviation 1 (standard error 0.011), 68.3% within one
    // standard deviation and 95.4% within two (standard errors 0.7% and 0.3%).
    const std::vector<float> x = make_test_tensor({});
    double sum = 0, sq = 0;
    int one = 0, two = 0;
    for (float v : x) {
        sum += v, sq += static_cast<double>(v) * v;
        one += std::fabs(v) < 1;
        two += std::fabs(v) < 2;
    }
    const double mean = sum / 4096, sd = std::sqrt(sq / 4096 - mean * mean);
    EXPECT_NEAR(mean, 0, 0.05);
    EXPECT_NEAR(sd, 1, 0.035);
    EXPECT_NEAR(one / 4096.0, 0.683, 0.025);
    EXPECT_NEAR(two / 4096.0, 0.954, 0.012);
}

TEST(QuantFormats, OutliersAreSpreadEvenly) {
    // 1% of 4,096 = 40.96 -> 41 values, at floor((k + 0.5) x 4096 / 41): 49, 149, ..., 4046.
    const std::vector<int> idx = outlier_indices(1);
    ASSERT_EQ(idx.size(), 41u);
    EXPECT_EQ(idx.front(), 49);
    EXPECT_EQ(idx[1], 149);
    EXPECT_EQ(idx.back(), 4046);
    EXPECT_EQ(outlier_indices(10).size(), 410u);  // 409.6
    EXPECT_EQ(outlier_indices(0.5).size(), 20u);  // 20.48
    EXPECT_TRUE(outlier_indices(0).empty());
    EXPECT_EQ(outlier_indices(50).size(), 410u);  // clamped to 10%

    // The outliers are the same values, times the scale; the others are untouched.
    const std::vector<float> plain = make_test_tensor({});
    const std::vector<float> with = make_test_tensor({1, 20});
    int changed = 0;
    for (std::size_t i = 0; i < plain.size(); ++i)
        if (with[i] != plain[i]) {
            ++changed;
            EXPECT_EQ(with[i], plain[i] * 20.0f) << i;
        }
    EXPECT_EQ(changed, 41);
    EXPECT_EQ(with[49], plain[49] * 20.0f);
}

// ---- The comparison ------------------------------------------------------------------------------

const FormatError& get(const FormatComparison& c, const char* id) {
    const FormatError* f = c.find(id);
    EXPECT_NE(f, nullptr) << id;
    static const FormatError none;
    return f ? *f : none;
}

TEST(QuantFormats, BitsAndScalesOfEachFormat) {
    const FormatComparison c = compare_formats({});
    ASSERT_TRUE(c.ok) << c.error;
    ASSERT_EQ(c.formats.size(), 11u);
    for (std::size_t i = 0; i < c.formats.size(); ++i) EXPECT_EQ(c.formats[i].id, quant_format_ids()[i]);
    // 8 + 8/32, 6 + 8/32, 4 + 8/32 (E8M0 per 32); 4 + 8/16 (E4M3 per 16); 4 + 16/128 (FP16 per 128).
    const std::map<std::string, double> bits = {{"fp32", 32},    {"bf16", 16},    {"fp16", 16},    {"fp8-e4m3", 8},
                                                {"fp8-e5m2", 8}, {"mxfp8", 8.25}, {"mxfp6", 6.25}, {"mxfp4", 4.25},
                                                {"nvfp4", 4.5},  {"int8", 8},     {"int4", 4.125}};
    for (const auto& [id, b] : bits) EXPECT_DOUBLE_EQ(get(c, id.c_str()).bits_per_value, b) << id;
    EXPECT_EQ(get(c, "nvfp4").name, "NVFP4");
    EXPECT_EQ(get(c, "fp8-e4m3").name, "FP8 E4M3");
    EXPECT_NE(get(c, "mxfp4").scaling.find("block of 32"), std::string::npos);
    EXPECT_NE(get(c, "nvfp4").scaling.find("block of 16"), std::string::npos);
    EXPECT_NE(get(c, "int4").scaling.find("group of 128"), std::string::npos);
}

// Rounding to m mantissa bits leaves an error uniform in +-step/2, step = 2^(e - m) for a value
// M x 2^e. Summed over values whose mantissas M spread log-uniformly over [1, 2), sum err^2 / sum x^2
// = 2^-2m / (12 E[M^2]) with E[M^2] = 3 / (2 ln 2) = 2.164: relative RMS error 2^-m / 5.10.
// A normal distribution's mantissas are nearly, not exactly, log-uniform: within 25%.
double rounding_theory(int mantissa_bits) {
    return std::ldexp(1.0, -mantissa_bits) / std::sqrt(12 * 3 / (2 * std::log(2.0)));
}

TEST(QuantFormats, FloatErrorsMatchRoundingTheory) {
    const FormatComparison c = compare_formats({});
    EXPECT_EQ(get(c, "fp32").rel_rms, 0);
    EXPECT_EQ(get(c, "fp32").zeroed, 0);
    for (const auto& [id, m] : std::map<std::string, int>{{"bf16", 7}, {"fp16", 10}, {"fp8-e4m3", 3}, {"fp8-e5m2", 2}}) {
        const double ratio = get(c, id.c_str()).rel_rms / rounding_theory(m);
        EXPECT_GT(ratio, 0.95) << id;
        EXPECT_LT(ratio, 1.25) << id;
    }
}

TEST(QuantFormats, Int8ErrorIsHalfAStepSpreadEvenly) {
    // Uniform steps of amax/127: an error uniform in +-step/2, RMS step/sqrt(12), over the tensor's RMS.
    for (const FormatInputs& in : {FormatInputs{0, 20}, FormatInputs{1, 20}}) {
        const FormatComparison c = compare_formats(in);
        const double step = c.amax / 127;
        EXPECT_NEAR(get(c, "int8").rel_rms, step / std::sqrt(12.0) / c.rms, 0.05 * step / std::sqrt(12.0) / c.rms) << in.outliers;
    }
    // Without outliers: amax 3.9, step 0.031: values under half a step, 0.0154, become zero; a normal
    // distribution has 2 x 0.0154 x 0.399 = 1.2% of its values there, about 50 of 4,096.
    const FormatComparison c = compare_formats({});
    EXPECT_GT(get(c, "int8").zeroed, 25);
    EXPECT_LT(get(c, "int8").zeroed, 80);
}

TEST(QuantFormats, ErrorsAreOrderedOnTheDefaultTensor) {
    const FormatComparison c = compare_formats({});
    auto err = [&](const char* id) { return get(c, id).rel_rms; };
    EXPECT_LT(err("fp32"), err("fp16"));
    EXPECT_LT(err("fp16"), err("bf16"));          // 10 mantissa bits against 7
    EXPECT_LT(err("bf16"), err("int8"));          // 8 significant bits against a 255-step grid
    EXPECT_LT(err("int8"), err("fp8-e4m3"));      // on a normal distribution, uniform steps win
    EXPECT_LT(err("fp8-e4m3"), err("fp8-e5m2"));  // 3 mantissa bits against 2
    EXPECT_LT(err("mxfp8"), err("fp8-e5m2"));
    EXPECT_LT(err("mxfp6"), err("mxfp4"));
    EXPECT_LT(err("mxfp8"), err("mxfp4"));
    EXPECT_LT(err("nvfp4"), err("mxfp4"));     // finer blocks, and scales that are not powers of two
    EXPECT_LT(err("fp8-e5m2"), err("nvfp4"));  // 4 bits lose to 8
    // No outliers: the two error figures are the same thing.
    for (const FormatError& f : c.formats) EXPECT_DOUBLE_EQ(f.rel_rms, f.rel_rms_plain) << f.id;
    // NVFP4's E4M3 block scale is within 1/16 of amax/6, so a block's largest element is at most
    // 6 x 16/15 = 6.4 units, which rounds to 6: it never clips. Per-tensor amax scales never clip.
    for (const char* id : {"nvfp4", "fp8-e4m3", "fp8-e5m2", "int8", "int4", "bf16", "fp16"})
        EXPECT_EQ(get(c, id).clipped, 0) << id;
    // MXFP8's power of two is taken from the block's amax rounded down, leaving it at 256..511 element
    // units where E4M3 stops at 448: some blocks clip their largest value.
    EXPECT_GT(get(c, "mxfp8").clipped, 0);
}

TEST(QuantFormats, OutliersHurtPerTensorIntegersMostAndBlocksLeast) {
    const FormatComparison base = compare_formats({});
    const FormatComparison out = compare_formats({1, 20});
    ASSERT_TRUE(out.ok);
    EXPECT_EQ(out.outlier_count, 41);
    auto growth = [&](const char* id) { return get(out, id).rel_rms_plain / get(base, id).rel_rms_plain; };
    // INT8's one scale now spans 20x the range: the ordinary values' error grows about tenfold (the
    // step grows from 3.9/127 to about 49/127).
    EXPECT_GT(growth("int8"), 8);
    EXPECT_GT(get(out, "int8").rel_rms, 4 * get(base, "int8").rel_rms);
    // MXFP8's blocks of 32 are each scaled on their own: the ordinary values hardly notice.
    EXPECT_LT(growth("mxfp8"), 1.1);
    EXPECT_GT(growth("int8"), 5 * growth("mxfp8"));
    EXPECT_GT(growth("int8"), 3 * growth("nvfp4"));
    EXPECT_GT(growth("int4"), growth("nvfp4"));  // a group of 128 holds more outliers than a block of 16
    // FP8 with one scale per tensor keeps its relative precision: the exponent absorbs a 20x range.
    EXPECT_LT(growth("fp8-e4m3"), 1.1);
    // Values that became zero: INT8 loses the small ones to its coarser step.
    EXPECT_GT(get(out, "int8").zeroed, 5 * get(base, "int8").zeroed);
}

TEST(QuantFormats, InputsOutOfRangeAreClampedAndSaid) {
    const FormatComparison c = compare_formats({50, 5000});
    ASSERT_TRUE(c.ok);
    EXPECT_DOUBLE_EQ(c.used.outliers, 10);
    EXPECT_DOUBLE_EQ(c.used.outlier_scale, 1000);
    EXPECT_EQ(c.outlier_count, 410);
    EXPECT_FALSE(c.note.empty());
    EXPECT_TRUE(compare_formats({}).note.empty());
    const FormatComparison bad = compare_formats({std::nan(""), 20});
    EXPECT_FALSE(bad.ok);
    EXPECT_FALSE(bad.error.empty());
}

// ---- The view, drawn headless --------------------------------------------------------------------

// The explorers' shared headless fixture (tests/support/explorer_views_fixture.h).
using FormatsViewHeadless = ExplorerViewsHeadless;

TEST_F(FormatsViewHeadless, TakesLessonParametersAtEveryWidth) {
    const std::map<std::string, std::string> params = {{"format", "mxfp4"}, {"outliers", "1"}, {"outlier_scale", "20"}};
    const FormatComparison expected = compare_formats({1, 20});
    for (float width : {800.0f, 360.0f}) {
        ExplorersView view;
        draw(view, "explore-formats", width, params);
        const nlohmann::json s = view.test_state()["explore-formats"];
        EXPECT_DOUBLE_EQ(s["outliers"].get<double>(), 1);
        EXPECT_DOUBLE_EQ(s["outlier_scale"].get<double>(), 20);
        EXPECT_EQ(s["highlight"], "mxfp4");
        EXPECT_EQ(s["outlier_count"], 41);
        ASSERT_EQ(s["formats"].size(), 11u);
        for (std::size_t i = 0; i < 11; ++i) {
            const nlohmann::json& f = s["formats"][i];
            EXPECT_EQ(f["id"], quant_format_ids()[i]);
            EXPECT_DOUBLE_EQ(f["rel_rms"].get<double>(), expected.formats[i].rel_rms);
            EXPECT_DOUBLE_EQ(f["bits"].get<double>(), expected.formats[i].bits_per_value);
            EXPECT_EQ(f["zeroed"], expected.formats[i].zeroed);
            EXPECT_EQ(f["clipped"], expected.formats[i].clipped);
        }
        const std::string answer = s["answer"];
        EXPECT_EQ(answer.rfind("MXFP4 stores this tensor in 4.25 bits a value", 0), 0u) << answer;
        EXPECT_NE(answer.find("the error of FP8 E4M3 at 8 bits"), std::string::npos) << answer;
        EXPECT_NE(answer.find("4,055 values that are not outliers"), std::string::npos) << answer;
        for (const char* w :
             {"formats-format", "##formats-outliers", "##formats-outlier-scale", "formats-answer", "chart:explore-formats"})
            expect_inside(w, width);
    }
}

TEST_F(FormatsViewHeadless, AnswerFollowsTheHighlightAndRecomputesOnlyOnChange) {
    ExplorersView view;
    draw(view, "explore-formats", 800, {{"format", "fp8-e4m3"}});
    nlohmann::json s = view.test_state()["explore-formats"];
    // E4M3 is compared with BF16, 2.62% / 0.165%: about 16 times the error.
    std::string answer = s["answer"];
    EXPECT_EQ(answer.rfind("FP8 E4M3 stores this tensor in 8 bits a value", 0), 0u) << answer;
    EXPECT_NE(answer.find("the error of BF16 at 16 bits"), std::string::npos) << answer;
    EXPECT_EQ(answer.find("outliers"), std::string::npos) << answer;
    EXPECT_EQ(s["highlight"], "fp8-e4m3");
    const int recomputes = s["recomputes"];
    // More frames with the same inputs: nothing recomputed.
    draw(view, "explore-formats", 800, {{"format", "fp8-e4m3"}});
    draw(view, "explore-formats", 360, {{"format", "fp8-e4m3"}});
    EXPECT_EQ(view.test_state()["explore-formats"]["recomputes"], recomputes);

    draw(view, "explore-formats", 800, {{"format", "fp32"}});
    answer = view.test_state()["explore-formats"]["answer"];
    EXPECT_EQ(answer.rfind("FP32 stores this tensor exactly, in 32 bits a value", 0), 0u) << answer;
    EXPECT_EQ(view.test_state()["explore-formats"]["recomputes"], recomputes);  // a highlight is not a recompute

    draw(view, "explore-formats", 800, {{"format", "fp16"}});
    answer = view.test_state()["explore-formats"]["answer"];
    EXPECT_NE(answer.find("times smaller than FP8 E4M3's at 8 bits"), std::string::npos) << answer;

    // Out-of-range parameters are held to the sliders' ranges; an unknown format keeps the last.
    draw(view, "explore-formats", 800, {{"format", "fp7"}, {"outliers", "40"}, {"outlier_scale", "0.5"}});
    s = view.test_state()["explore-formats"];
    EXPECT_DOUBLE_EQ(s["outliers"].get<double>(), 10);
    EXPECT_DOUBLE_EQ(s["outlier_scale"].get<double>(), 1);
    EXPECT_EQ(s["highlight"], "fp16");
    EXPECT_EQ(s["outlier_count"], 410);
    EXPECT_EQ(s["recomputes"].get<int>(), recomputes + 1);
}

}  // namespace
}  // namespace dojo
