// The register-tiled matmul rung: each invocation computes a 4x4 block of C in registers, loading
// vec4s where rows are 16-byte aligned, with a scalar path for edges so any m, n, k works.
#version 450
// The host picks the workgroup per device (specialization constants): 16x16 invocations (64x64 of C
// per workgroup) on a discrete GPU, 8x8 (32x32 of C) on lavapipe and other CPU devices.
layout(local_size_x_id = 0, local_size_y_id = 1) in;
// Each buffer is seen both as floats and as vec4s (aliased descriptors at the same binding).
layout(std430, binding = 0) readonly buffer A { float a[]; };
layout(std430, binding = 0) readonly buffer A4 { vec4 a4[]; };
layout(std430, binding = 1) readonly buffer B { float b[]; };
layout(std430, binding = 1) readonly buffer B4 { vec4 b4[]; };
layout(std430, binding = 2) writeonly buffer C { float c[]; };
layout(std430, binding = 2) writeonly buffer C4 { vec4 c4[]; };
layout(push_constant) uniform Sizes { uint M; uint N; uint K; };

void main() {
    uint row0 = gl_GlobalInvocationID.y * 4u;
    uint col0 = gl_GlobalInvocationID.x * 4u;
    if (row0 >= M || col0 >= N) return;
    vec4 acc0 = vec4(0.0), acc1 = vec4(0.0), acc2 = vec4(0.0), acc3 = vec4(0.0);

    // Fast path: a whole 4x4 block inside C, and rows of A, B and C that start on 16-byte boundaries.
    if (row0 + 4u <= M && col0 + 4u <= N && K % 4u == 0u && N % 4u == 0u) {
        uint n4 = N / 4u, k4 = K / 4u, c4i = col0 / 4u;
        for (uint k = 0u; k < K; k += 4u) {
            // Four rows of B (k..k+3) at columns col0..col0+3: 16 values in 4 loads.
            vec4 b0 = b4[(k + 0u) * n4 + c4i];
            vec4 b1 = b4[(k + 1u) * n4 + c4i];
            vec4 b2 = b4[(k + 2u) * n4 + c4i];
            vec4 b3 = b4[(k + 3u) * n4 + c4i];
            // Four rows of A at columns k..k+3: each value multiplies a whole vec4 of B.
            vec4 v0 = a4[(row0 + 0u) * k4 + k / 4u];
            vec4 v1 = a4[(row0 + 1u) * k4 + k / 4u];
            vec4 v2 = a4[(row0 + 2u) * k4 + k / 4u];
            vec4 v3 = a4[(row0 + 3u) * k4 + k / 4u];
            acc0 += v0.x * b0 + v0.y * b1 + v0.z * b2 + v0.w * b3;
            acc1 += v1.x * b0 + v1.y * b1 + v1.z * b2 + v1.w * b3;
            acc2 += v2.x * b0 + v2.y * b1 + v2.z * b2 + v2.w * b3;
            acc3 += v3.x * b0 + v3.y * b1 + v3.z * b2 + v3.w * b3;
        }
        c4[(row0 + 0u) * n4 + c4i] = acc0;
        c4[(row0 + 1u) * n4 + c4i] = acc1;
        c4[(row0 + 2u) * n4 + c4i] = acc2;
        c4[(row0 + 3u) * n4 + c4i] = acc3;
        return;
    }

    // Scalar fallback for edge blocks and unaligned sizes: out-of-range rows and columns read as zero.
    for (uint k = 0u; k < K; ++k) {
        vec4 bv = vec4(0.0);
        for (uint j = 0u; j < 4u; ++j)
            if (col0 + j < N) bv[j] = b[k * N + col0 + j];
        float a0 = row0 + 0u < M ? a[(row0 + 0u) * K + k] : 0.0;
        float a1 = row0 + 1u < M ? a[(row0 + 1u) * K + k] : 0.0;
        float a2 = row0 + 2u < M ? a[(row0 + 2u) * K + k] : 0.0;
        float a3 = row0 + 3u < M ? a[(row0 + 3u) * K + k] : 0.0;
        acc0 += a0 * bv;
        acc1 += a1 * bv;
        acc2 += a2 * bv;
        acc3 += a3 * bv;
    }
    for (uint j = 0u; j < 4u; ++j) {
        if (col0 + j >= N) break;
        c[(row0 + 0u) * N + col0 + j] = acc0[j];
        if (row0 + 1u < M) c[(row0 + 1u) * N + col0 + j] = acc1[j];
        if (row0 + 2u < M) c[(row0 + 2u) * N + col0 + j] = acc2[j];
        if (row0 + 3u < M) c[(row0 + 3u) * N + col0 + j] = acc3[j];
    }
}
