// a, b, result: size.n x size.n, row after row. Blocks of 16 x 16 threads, tiles of 16 x 16.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float tileA[16][16];
    __shared__ float tileB[16][16];
    int tx = threadIdx.x;
    int ty = threadIdx.y;
    int col = blockIdx.x * 16 + tx;
    int row = blockIdx.y * 16 + ty;
    float sum = 0.0f;
    for (int k0 = 0; k0 < size.n; k0 += 16) {
        // Each thread loads one element of each tile (0 outside the matrices).
        int ka = k0 + tx;
        int kb = k0 + ty;
        tileA[ty][tx] = row < size.n && ka < size.n ? a[row * size.n + ka] : 0.0f;
        tileB[ty][tx] = kb < size.n && col < size.n ? b[kb * size.n + col] : 0.0f;
        __syncthreads();  // both tiles are complete
        for (int k = 0; k < 16; ++k) {
            sum += tileA[ty][k] * tileB[k][tx];
        }
        __syncthreads();  // everyone is done with these tiles before the next loads
    }
    if (row < size.n && col < size.n) {
        result[row * size.n + col] = sum;
    }
}
