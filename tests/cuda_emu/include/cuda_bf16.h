// Stands in for the CUDA toolkit's cuda_bf16.h in the host build of the labs' kernels
// (tests/cuda_emu): bf16 as its bits (the top half of a float), the conversions the kernels and the
// emulated wmma use, rounding to nearest even.
#pragma once

#include <cstdint>
#include <cstring>

struct __nv_bfloat16 {
    unsigned short bits;
};

inline __nv_bfloat16 __float2bfloat16_rn(float x) {
    std::uint32_t f = 0;
    std::memcpy(&f, &x, sizeof f);
    if ((f & 0x7fffffffu) > 0x7f800000u) return {static_cast<unsigned short>((f >> 16) | 0x0040u)};  // a quiet NaN
    f += 0x7fffu + ((f >> 16) & 1u);  // round to nearest, ties to even (overflow reaches infinity)
    return {static_cast<unsigned short>(f >> 16)};
}

inline float __bfloat162float(__nv_bfloat16 h) {
    const std::uint32_t f = static_cast<std::uint32_t>(h.bits) << 16;
    float x = 0;
    std::memcpy(&x, &f, sizeof x);
    return x;
}

inline unsigned short __bfloat16_as_ushort(__nv_bfloat16 h) {
    return h.bits;
}
