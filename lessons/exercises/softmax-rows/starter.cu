// One block of 64 threads per row: a and result have size.height rows of size.width.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float part[64];
    int t = threadIdx.x;
    int row = blockIdx.x;
    int start = row * size.width;
}
