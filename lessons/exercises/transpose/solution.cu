// a: size.height rows of size.width; result: size.width rows of size.height.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < size.width && y < size.height) {
        result[x * size.height + y] = a[y * size.width + x];
    }
}
