// a, b, result: size.n x size.n, row after row. Blocks of 16 x 16 threads, tiles of 16 x 16.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float tileA[16][16];
    __shared__ float tileB[16][16];
    int tx = threadIdx.x;
    int ty = threadIdx.y;
    int col = blockIdx.x * 16 + tx;
    int row = blockIdx.y * 16 + ty;
    float sum = 0.0f;
}
