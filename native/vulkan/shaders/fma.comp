// The FP32 peak of the peak lab: eight independent chains of vec4 fused multiply-adds per
// invocation, so the arithmetic units, not latency or memory, set the speed.
#version 450
layout(local_size_x_id = 0) in;
layout(std430, binding = 2) writeonly buffer Out { vec4 result[]; };
layout(push_constant) uniform Push { uint iterations; };

void main() {
    uint i = gl_GlobalInvocationID.x;
    float seed = float(i & 255u) * (1.0 / 256.0);
    vec4 a0 = vec4(seed, seed + 0.1, seed + 0.2, seed + 0.3);
    vec4 a1 = a0 + 0.01, a2 = a0 + 0.02, a3 = a0 + 0.03, a4 = a0 + 0.04, a5 = a0 + 0.05, a6 = a0 + 0.06, a7 = a0 + 0.07;
    // x * 0.9999 + 0.0001 stays near 1: no overflow, no denormals, and nothing the compiler can fold.
    const vec4 m = vec4(0.9999), c = vec4(0.0001);
    for (uint n = 0u; n < iterations; ++n) {
        a0 = fma(a0, m, c);
        a1 = fma(a1, m, c);
        a2 = fma(a2, m, c);
        a3 = fma(a3, m, c);
        a4 = fma(a4, m, c);
        a5 = fma(a5, m, c);
        a6 = fma(a6, m, c);
        a7 = fma(a7, m, c);
    }
    result[i] = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
}
