// a, b, result: size.n x size.n, row after row.
void main() {
    uint col = gl_GlobalInvocationID.x;
    uint row = gl_GlobalInvocationID.y;
    if (row < size.n && col < size.n) {
        float sum = 0.0;
        for (uint k = 0; k < size.n; ++k) {
            sum += a[row * size.n + k] * b[k * size.n + col];
        }
        result[row * size.n + col] = sum;
    }
}
