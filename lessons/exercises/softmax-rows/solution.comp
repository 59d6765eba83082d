// One block of 64 threads per row: a and result have size.height rows of size.width.
shared float part[64];

void main() {
    uint t = gl_LocalInvocationID.x;
    uint row = gl_WorkGroupID.x;
    if (row >= size.height) {
        return;  // the whole block leaves together, so no thread misses a barrier
    }
    uint start = row * size.width;

    // 1. The row's largest number: each thread's own, then the block's.
    float m = -3.4e38;
    for (uint x = t; x < size.width; x += 64) {
        m = max(m, a[start + x]);
    }
    part[t] = m;
    barrier();
    for (uint stride = 32; stride > 0; stride /= 2) {
        if (t < stride) {
            part[t] = max(part[t], part[t + stride]);
        }
        barrier();
    }
    m = part[0];
    barrier();  // everyone has read the max before part is reused

    // 2. The sum of exp(a - m), the same way.
    float s = 0.0;
    for (uint x = t; x < size.width; x += 64) {
        s += exp(a[start + x] - m);
    }
    part[t] = s;
    barrier();
    for (uint stride = 32; stride > 0; stride /= 2) {
        if (t < stride) {
            part[t] += part[t + stride];
        }
        barrier();
    }
    s = part[0];

    // 3. Each thread writes its own elements.
    for (uint x = t; x < size.width; x += 64) {
        result[start + x] = exp(a[start + x] - m) / s;
    }
}
