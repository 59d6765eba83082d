// The bandwidth peak of the peak lab: a vec4 copy, 16 bytes read and 16 written per element. Each
// workgroup copies one contiguous stretch, its invocations side by side, so on a GPU every load is
// coalesced and on a CPU device (lavapipe) each core streams through its own memory in order.
#version 450
layout(local_size_x_id = 0) in;
layout(std430, binding = 0) readonly buffer Src { vec4 src[]; };
layout(std430, binding = 2) writeonly buffer Dst { vec4 dst[]; };
layout(push_constant) uniform Push { uint count; };

void main() {
    uint per_group = (count + gl_NumWorkGroups.x - 1u) / gl_NumWorkGroups.x;
    uint begin = gl_WorkGroupID.x * per_group;
    uint end = min(begin + per_group, count);
    for (uint i = begin + gl_LocalInvocationID.x; i < end; i += gl_WorkGroupSize.x) dst[i] = src[i];
}
