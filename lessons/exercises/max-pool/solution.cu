// result: size.height rows of size.width; a: 2 * size.height rows of 2 * size.width.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < size.width && y < size.height) {
        int row = 2 * size.width;         // numbers in one row of a
        int top = (2 * y) * row + 2 * x;  // the square's top-left element
        float upper = fmaxf(a[top], a[top + 1]);
        float lower = fmaxf(a[top + row], a[top + row + 1]);
        result[y * size.width + x] = fmaxf(upper, lower);
    }
}
