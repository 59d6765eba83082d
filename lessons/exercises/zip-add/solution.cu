// result[i] = a[i] + b[i] for every i below size.n.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    result[i] = a[i] + b[i];
}
