// The naive matmul rung: one invocation per element of C, every operand read from device memory.
#version 450
// 8x8 = 64 invocations: well under the 128 every Vulkan device must support.
layout(local_size_x = 8, local_size_y = 8) in;
layout(std430, binding = 0) readonly buffer A { float a[]; };
layout(std430, binding = 1) readonly buffer B { float b[]; };
layout(std430, binding = 2) writeonly buffer C { float c[]; };
layout(push_constant) uniform Sizes { uint M; uint N; uint K; };

void main() {
    // x runs along a row of C, so neighbouring invocations read neighbouring elements of B.
    uint col = gl_GlobalInvocationID.x;
    uint row = gl_GlobalInvocationID.y;
    if (row >= M || col >= N) return;
    float sum = 0.0;
    for (uint i = 0; i < K; ++i) sum += a[row * K + i] * b[i * N + col];
    c[row * N + col] = sum;
}
