// result: size.height rows of size.width; a: 2 * size.height rows of 2 * size.width.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
}
