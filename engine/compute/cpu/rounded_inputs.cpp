// The precision lab's CPU rungs: A and B rounded to TF32, FP16 or BF16 (round to nearest even, as
// the GPU's conversions do), then multiplied with FP32 accumulation by the multithreaded kernel:
// the arithmetic tensor cores do. This CPU has no such units, so these show accuracy, not speed.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "compute/cpu/cpu_kernels.h"

namespace dojo::cpu {

namespace {

// Keeps `bits` of the 23 stored mantissa bits, rounding to nearest even. NaN and infinity pass.
float round_mantissa(float x, int bits) {
    std::uint32_t u;
    std::memcpy(&u, &x, sizeof u);
    if ((u & 0x7f800000u) == 0x7f800000u) return x;
    const int drop = 23 - bits;
    const std::uint32_t half = (1u << (drop - 1)) - 1u + ((u >> drop) & 1u);
    u += half;  // a carry into the exponent is the correct rounding up to the next power of two
    u &= ~((1u << drop) - 1u);
    float y;
    std::memcpy(&y, &u, sizeof y);
    return y;
}

float to_fp16_value(float x) {
    const float a = std::fabs(x);
    if (a >= 65520.0f) return std::copysign(INFINITY, x);  // beyond FP16's largest value (65504) after rounding
    if (a < 6.103515625e-05f) return std::nearbyint(x * 16777216.0f) / 16777216.0f;  // subnormals: multiples of 2^-24
    return round_mantissa(x, 10);
}

float to_bf16_value(float x) {
    return round_mantissa(x, 7);
}
float to_tf32_value(float x) {
    return round_mantissa(x, 10);
}

template <float (*Round)(float)>
void matmul_rounded(const float* a, const float* b, float* c, int m, int n, int k) {
    std::vector<float> ra(a, a + static_cast<std::size_t>(m) * static_cast<std::size_t>(k));
    std::vector<float> rb(b, b + static_cast<std::size_t>(k) * static_cast<std::size_t>(n));
    for (float& v : ra) v = Round(v);
    for (float& v : rb) v = Round(v);
    matmul_threaded(ra.data(), rb.data(), c, m, n, k);
}

}  // namespace

void matmul_tf32_inputs(const float* a, const float* b, float* c, int m, int n, int k) {
    matmul_rounded<to_tf32_value>(a, b, c, m, n, k);
}
void matmul_fp16_inputs(const float* a, const float* b, float* c, int m, int n, int k) {
    matmul_rounded<to_fp16_value>(a, b, c, m, n, k);
}
void matmul_bf16_inputs(const float* a, const float* b, float* c, int m, int n, int k) {
    matmul_rounded<to_bf16_value>(a, b, c, m, n, k);
}

float round_to_fp16(float x) {
    return to_fp16_value(x);
}

}  // namespace dojo::cpu
