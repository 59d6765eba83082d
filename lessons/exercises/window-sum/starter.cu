// 3 blocks of 8 threads; size.n = 24. result[i] = a[i-2] + a[i-1] + a[i] (0 before the start).
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float tile[8 + 2];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int t = threadIdx.x;
}
