// 4 blocks of 16 threads for size.n = 50 elements.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int block = blockIdx.x;
    int local_index = threadIdx.x;
}
