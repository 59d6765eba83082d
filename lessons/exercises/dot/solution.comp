// One block of 64 threads; size.n = 64.
shared float partial[64];

void main() {
    uint t = gl_LocalInvocationID.x;
    partial[t] = t < size.n ? a[t] * b[t] : 0.0;
    barrier();
    for (uint stride = 32; stride > 0; stride /= 2) {
        if (t < stride) {
            partial[t] += partial[t + stride];
        }
        barrier();
    }
    if (t == 0) {
        result[0] = partial[0];
    }
}
