// 3 blocks of 8 threads; size.n = 24. result[i] = a[i-2] + a[i-1] + a[i] (0 before the start).
shared float tile[8 + 2];

void main() {
    uint i = gl_GlobalInvocationID.x;
    uint t = gl_LocalInvocationID.x;
}
