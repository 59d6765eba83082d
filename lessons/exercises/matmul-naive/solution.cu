// a, b, result: size.n x size.n, row after row.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int col = blockIdx.x * blockDim.x + threadIdx.x;
    int row = blockIdx.y * blockDim.y + threadIdx.y;
    if (row < size.n && col < size.n) {
        float sum = 0.0f;
        for (int k = 0; k < size.n; ++k) {
            sum += a[row * size.n + k] * b[k * size.n + col];
        }
        result[row * size.n + col] = sum;
    }
}
