// 4 blocks of 16 threads for size.n = 50 elements.
void main() {
    uint block = gl_WorkGroupID.x;
    uint local_index = gl_LocalInvocationID.x;
}
