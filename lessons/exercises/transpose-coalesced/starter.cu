// a: size.height rows of size.width; result: size.width rows of size.height. Blocks of 16 x 16.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float tile[16][17];  // one spare column spreads a column of the tile over 16 banks, not 2
    int tx = threadIdx.x;
    int ty = threadIdx.y;
    int bx = blockIdx.x * 16;  // the tile's first column of a
    int by = blockIdx.y * 16;  // the tile's first row of a
}
