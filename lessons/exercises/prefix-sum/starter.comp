// One block of 64 threads; size.n = 64. result[i] = a[0] + ... + a[i].
shared float scan[64];

void main() {
    uint t = gl_LocalInvocationID.x;
}
