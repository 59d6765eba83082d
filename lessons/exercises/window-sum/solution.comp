// 3 blocks of 8 threads; size.n = 24. result[i] = a[i-2] + a[i-1] + a[i] (0 before the start).
shared float tile[8 + 2];

void main() {
    uint i = gl_GlobalInvocationID.x;
    uint t = gl_LocalInvocationID.x;
    tile[t + 2] = i < size.n ? a[i] : 0.0;
    if (t < 2) {
        // The two elements before the block's first, or 0 before the array's start.
        uint before = gl_WorkGroupID.x * gl_WorkGroupSize.x + t;
        tile[t] = before >= 2 ? a[before - 2] : 0.0;
    }
    barrier();
    if (i < size.n) {
        result[i] = tile[t] + tile[t + 1] + tile[t + 2];
    }
}
