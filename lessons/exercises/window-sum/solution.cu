// 3 blocks of 8 threads; size.n = 24. result[i] = a[i-2] + a[i-1] + a[i] (0 before the start).
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float tile[8 + 2];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int t = threadIdx.x;
    tile[t + 2] = i < size.n ? a[i] : 0.0f;
    if (t < 2) {
        // The two elements before the block's first, or 0 before the array's start.
        int before = blockIdx.x * blockDim.x + t;
        tile[t] = before >= 2 ? a[before - 2] : 0.0f;
    }
    __syncthreads();
    if (i < size.n) {
        result[i] = tile[t] + tile[t + 1] + tile[t + 2];
    }
}
