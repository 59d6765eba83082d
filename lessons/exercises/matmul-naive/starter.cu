// a, b, result: size.n x size.n, row after row.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int col = blockIdx.x * blockDim.x + threadIdx.x;
    int row = blockIdx.y * blockDim.y + threadIdx.y;
}
