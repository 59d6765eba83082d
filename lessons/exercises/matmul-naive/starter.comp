// a, b, result: size.n x size.n, row after row.
void main() {
    uint col = gl_GlobalInvocationID.x;
    uint row = gl_GlobalInvocationID.y;
}
