// The Vulkan compute proof of `dojo check`: every element becomes 3x + 1.
#version 450
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer Values { uint values[]; };
layout(push_constant) uniform Push { uint count; } push;

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i < push.count) values[i] = values[i] * 3u + 1u;
}
