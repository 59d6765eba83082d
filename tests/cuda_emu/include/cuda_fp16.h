// Stands in for the CUDA toolkit's cuda_fp16.h in the host build of the labs' kernels
// (tests/cuda_emu): the half type as its bits, and the conversion the kernels use, rounding to
// nearest even with FP16's range (overflow to infinity, subnormals kept).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

struct __half {
    unsigned short bits;
};

inline __half __float2half_rn(float x) {
    std::uint32_t f = 0;
    std::memcpy(&f, &x, sizeof f);
    const auto sign = static_cast<unsigned short>((f >> 16) & 0x8000u);
    const std::uint32_t magnitude = f & 0x7fffffffu;
    if (magnitude > 0x7f800000u) return {static_cast<unsigned short>(sign | 0x7e00u)};   // NaN stays NaN
    if (magnitude >= 0x477ff000u) return {static_cast<unsigned short>(sign | 0x7c00u)};  // 65520 and up round to infinity
    if (magnitude < 0x38800000u) {  // under 2^-14: a subnormal half, in steps of 2^-24 (the scaling is exact)
        const auto steps = static_cast<std::uint32_t>(std::nearbyint(std::fabs(x) * 16777216.0f));
        return {static_cast<unsigned short>(sign | steps)};
    }
    std::uint32_t rebiased = magnitude - 0x38000000u;  // exponent bias 127 -> 15
    rebiased += 0x0fffu + ((rebiased >> 13) & 1u);     // round to nearest, ties to even
    return {static_cast<unsigned short>(sign | (rebiased >> 13))};
}

inline unsigned short __half_as_ushort(__half h) {
    return h.bits;
}
