// a, b, result: size.n x size.n, row after row. Blocks of 16 x 16 threads, tiles of 16 x 16.
shared float tileA[16][16];
shared float tileB[16][16];

void main() {
    uint tx = gl_LocalInvocationID.x;
    uint ty = gl_LocalInvocationID.y;
    uint col = gl_GlobalInvocationID.x;
    uint row = gl_GlobalInvocationID.y;
    float sum = 0.0;
    for (uint k0 = 0; k0 < size.n; k0 += 16) {
        // Each thread loads one element of each tile (0 outside the matrices).
        uint ka = k0 + tx;
        uint kb = k0 + ty;
        tileA[ty][tx] = row < size.n && ka < size.n ? a[row * size.n + ka] : 0.0;
        tileB[ty][tx] = kb < size.n && col < size.n ? b[kb * size.n + col] : 0.0;
        barrier();  // both tiles are complete
        for (uint k = 0; k < 16; ++k) {
            sum += tileA[ty][k] * tileB[k][tx];
        }
        barrier();  // everyone is done with these tiles before the next loads
    }
    if (row < size.n && col < size.n) {
        result[row * size.n + col] = sum;
    }
}
