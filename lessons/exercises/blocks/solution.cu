// 4 blocks of 16 threads for size.n = 50 elements.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int block = blockIdx.x;
    int local_index = threadIdx.x;
    int i = block * blockDim.x + local_index;
    if (i < size.n) {
        result[i] = a[i] + 10.0f;
    }
}
