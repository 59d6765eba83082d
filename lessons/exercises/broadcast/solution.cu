// a: size.width numbers; b: size.height numbers; result: the size.width x size.height grid.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < size.width && y < size.height) {
        result[y * size.width + x] = a[x] + b[y];
    }
}
