// a, b and result are float arrays; size.n is the number of elements.
void main() {
    uint i = gl_GlobalInvocationID.x;
    result[i] = a[i] + 10.0;
}
