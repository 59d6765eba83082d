// One block of 64 threads; size.n = 64. result[i] = a[0] + ... + a[i].
shared float scan[64];

void main() {
    uint t = gl_LocalInvocationID.x;
    scan[t] = a[t];
    barrier();
    for (uint d = 1; d < 64; d *= 2) {
        float left = t >= d ? scan[t - d] : 0.0;
        barrier();  // every thread has read this step's values before any is overwritten
        scan[t] += left;
        barrier();  // every value of this step is written before the next step reads
    }
    result[t] = scan[t];
}
