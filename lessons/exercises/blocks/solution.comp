// 4 blocks of 16 threads for size.n = 50 elements.
void main() {
    uint block = gl_WorkGroupID.x;
    uint local_index = gl_LocalInvocationID.x;
    uint i = block * gl_WorkGroupSize.x + local_index;
    if (i < size.n) {
        result[i] = a[i] + 10.0;
    }
}
