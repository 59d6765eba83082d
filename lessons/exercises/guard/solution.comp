// 16 threads, size.n = 10 elements.
void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i < size.n) {
        result[i] = a[i] + 10.0;
    }
}
