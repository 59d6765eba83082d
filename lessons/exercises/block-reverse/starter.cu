// 3 blocks of 64 threads; size.n = 192. Each block writes its 64 elements in reverse order.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float slice[64];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int t = threadIdx.x;
}
