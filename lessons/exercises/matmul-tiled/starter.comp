// a, b, result: size.n x size.n, row after row. Blocks of 16 x 16 threads, tiles of 16 x 16.
shared float tileA[16][16];
shared float tileB[16][16];

void main() {
    uint tx = gl_LocalInvocationID.x;
    uint ty = gl_LocalInvocationID.y;
    uint col = gl_GlobalInvocationID.x;
    uint row = gl_GlobalInvocationID.y;
    float sum = 0.0;
}
