// The cooperative-matrix rung: each subgroup computes one lM x lN tile of C with the matrix units
// (tensor cores on NVIDIA), fp16 A and B, fp32 accumulate. M, N and K arrive padded by the host to
// multiples of the shape, so no tile ever reads or writes past its matrix.
//
// GL_NV_cooperative_matrix, not its successor GL_KHR_cooperative_matrix: the glslang here (11.13,
// shaderc 2023.2) and the Vulkan headers (1.3.236) predate the KHR extension. NVIDIA drivers offer
// both; moving to KHR is a rename of types and calls plus VK_KHR_cooperative_matrix on the host.
#version 450
#extension GL_NV_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_EXT_shader_16bit_storage : require

// The shape the device reported (vkGetPhysicalDeviceCooperativeMatrixPropertiesNV) and its subgroup size.
layout(constant_id = 0) const uint lM = 16;
layout(constant_id = 1) const uint lN = 16;
layout(constant_id = 2) const uint lK = 16;
layout(local_size_x_id = 3) in;  // one subgroup per workgroup

layout(std430, binding = 0) readonly buffer A { float16_t a[]; };
layout(std430, binding = 1) readonly buffer B { float16_t b[]; };
layout(std430, binding = 2) writeonly buffer C { float c[]; };
layout(push_constant) uniform Sizes { uint M; uint N; uint K; };  // padded

void main() {
    uint row = gl_WorkGroupID.y * lM;
    uint col = gl_WorkGroupID.x * lN;
    fcoopmatNV<32, gl_ScopeSubgroup, lM, lN> acc = fcoopmatNV<32, gl_ScopeSubgroup, lM, lN>(0.0);
    for (uint k = 0u; k < K; k += lK) {
        fcoopmatNV<16, gl_ScopeSubgroup, lM, lK> ma;
        fcoopmatNV<16, gl_ScopeSubgroup, lK, lN> mb;
        coopMatLoadNV(ma, a, row * K + k, K, false);  // row-major: element offset, row stride
        coopMatLoadNV(mb, b, k * N + col, N, false);
        acc = coopMatMulAddNV(ma, mb, acc);
    }
    coopMatStoreNV(acc, c, row * N + col, N, false);
}
