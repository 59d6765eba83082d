// 16 threads, size.n = 10 elements.
void main() {
    uint i = gl_GlobalInvocationID.x;
    result[i] = a[i] + 10.0;
}
