// One block of 64 threads; size.n = 64.
shared float partial[64];

void main() {
    uint t = gl_LocalInvocationID.x;
}
