// One block of 64 threads per row: a and result have size.height rows of size.width.
__global__ void kernel(const float* a, const float* b, float* result, Size size) {
    __shared__ float part[64];
    int t = threadIdx.x;
    int row = blockIdx.x;
    if (row >= size.height) {
        return;  // the whole block leaves together, so no thread misses a barrier
    }
    int start = row * size.width;

    // 1. The row's largest number: each thread's own, then the block's.
    float m = -3.4e38f;
    for (int x = t; x < size.width; x += 64) {
        m = fmaxf(m, a[start + x]);
    }
    part[t] = m;
    __syncthreads();
    for (int stride = 32; stride > 0; stride /= 2) {
        if (t < stride) {
            part[t] = fmaxf(part[t], part[t + stride]);
        }
        __syncthreads();
    }
    m = part[0];
    __syncthreads();  // everyone has read the max before part is reused

    // 2. The sum of exp(a - m), the same way.
    float s = 0.0f;
    for (int x = t; x < size.width; x += 64) {
        s += expf(a[start + x] - m);
    }
    part[t] = s;
    __syncthreads();
    for (int stride = 32; stride > 0; stride /= 2) {
        if (t < stride) {
            part[t] += part[t + stride];
        }
        __syncthreads();
    }
    s = part[0];

    // 3. Each thread writes its own elements.
    for (int x = t; x < size.width; x += 64) {
        result[start + x] = expf(a[start + x] - m) / s;
    }
}
