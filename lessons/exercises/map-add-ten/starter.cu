// a, b and result are float arrays; size.n is the number of elements.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    // Write result[i] here.
}
