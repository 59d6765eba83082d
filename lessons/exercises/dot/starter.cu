// One block of 64 threads; size.n = 64.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float partial[64];
    int t = threadIdx.x;
}
