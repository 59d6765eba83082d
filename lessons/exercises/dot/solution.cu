// One block of 64 threads; size.n = 64.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float partial[64];
    int t = threadIdx.x;
    partial[t] = t < size.n ? a[t] * b[t] : 0.0f;
    __syncthreads();
    for (int stride = 32; stride > 0; stride /= 2) {
        if (t < stride) {
            partial[t] += partial[t + stride];
        }
        __syncthreads();
    }
    if (t == 0) {
        result[0] = partial[0];
    }
}
