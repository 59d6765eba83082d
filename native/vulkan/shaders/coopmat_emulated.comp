// For tests only: the coopmat-fp16 rung's contract (fp16 A and B padded to whole lM x lN x lK
// tiles, fp32 C, one subgroup-sized workgroup per tile of C, the same bindings and push constants)
// computed with plain arithmetic, so the host's fp16 conversion, padding, dispatch and download run
// on devices without cooperative matrices, such as lavapipe. VulkanTuning::emulate_coopmat turns it on.
#version 450
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_EXT_shader_16bit_storage : require

layout(constant_id = 0) const uint lM = 16;
layout(constant_id = 1) const uint lN = 16;
layout(local_size_x_id = 3) in;

layout(std430, binding = 0) readonly buffer A { float16_t a[]; };
layout(std430, binding = 1) readonly buffer B { float16_t b[]; };
layout(std430, binding = 2) writeonly buffer C { float c[]; };
layout(push_constant) uniform Sizes { uint M; uint N; uint K; };  // padded

void main() {
    uint row0 = gl_WorkGroupID.y * lM;
    uint col0 = gl_WorkGroupID.x * lN;
    for (uint e = gl_LocalInvocationID.x; e < lM * lN; e += gl_WorkGroupSize.x) {
        uint row = row0 + e / lN, col = col0 + e % lN;
        float sum = 0.0;
        for (uint k = 0u; k < K; ++k) sum += float(a[row * K + k]) * float(b[k * N + col]);
        c[row * N + col] = sum;
    }
}
