// One block of 64 threads; size.n = 64. result[i] = a[0] + ... + a[i].
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float scan[64];
    int t = threadIdx.x;
    scan[t] = a[t];
    __syncthreads();
    for (int d = 1; d < 64; d *= 2) {
        float left = t >= d ? scan[t - d] : 0.0f;
        __syncthreads();  // every thread has read this step's values before any is overwritten
        scan[t] += left;
        __syncthreads();  // every value of this step is written before the next step reads
    }
    result[t] = scan[t];
}
