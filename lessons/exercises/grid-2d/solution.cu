// Cell (x, y) of a size.width x size.height grid is element y * size.width + x.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < size.width && y < size.height) {
        int i = y * size.width + x;
        result[i] = a[i] + 10.0f;
    }
}
