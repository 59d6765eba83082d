// result[i] = a[i] + b[i] for every i below size.n.
void main() {
    uint i = gl_GlobalInvocationID.x;
    result[i] = a[i] + b[i];
}
