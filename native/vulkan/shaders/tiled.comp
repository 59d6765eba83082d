// The tiled matmul rung: a workgroup stages TILE x TILE blocks of A and B in shared memory, so each
// value read from device memory is used TILE times.
#version 450
// The host picks TILE per device (a specialization constant): 16 (256 invocations) on GPUs where it
// fits the workgroup and shared-memory limits, 8 (64 invocations) on lavapipe and other CPU devices.
layout(constant_id = 0) const uint TILE = 16;
layout(local_size_x_id = 0, local_size_y_id = 0) in;
layout(std430, binding = 0) readonly buffer A { float a[]; };
layout(std430, binding = 1) readonly buffer B { float b[]; };
layout(std430, binding = 2) writeonly buffer C { float c[]; };
layout(push_constant) uniform Sizes { uint M; uint N; uint K; };

shared float tile_a[TILE * TILE];
shared float tile_b[TILE * TILE];

void main() {
    uint tx = gl_LocalInvocationID.x;
    uint ty = gl_LocalInvocationID.y;
    uint row = gl_WorkGroupID.y * TILE + ty;
    uint col = gl_WorkGroupID.x * TILE + tx;
    float sum = 0.0;
    for (uint t = 0; t < K; t += TILE) {
        // Out-of-range elements load as zero, so edge tiles of any m, n, k add nothing wrong.
        uint ak = t + tx;
        uint bk = t + ty;
        tile_a[ty * TILE + tx] = (row < M && ak < K) ? a[row * K + ak] : 0.0;
        tile_b[ty * TILE + tx] = (bk < K && col < N) ? b[bk * N + col] : 0.0;
        barrier();  // every load of this tile is done before anyone reads it
        for (uint i = 0; i < TILE; ++i) sum += tile_a[ty * TILE + i] * tile_b[i * TILE + tx];
        barrier();  // everyone is done reading before the next tile overwrites it
    }
    if (row < M && col < N) c[row * N + col] = sum;
}
