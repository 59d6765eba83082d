// 3 blocks of 64 threads; size.n = 192. Each block writes its 64 elements in reverse order.
shared float slice[64];

void main() {
    uint i = gl_GlobalInvocationID.x;
    uint t = gl_LocalInvocationID.x;
    slice[t] = a[i];
    // Slot 63 - t is another thread's: wait until every thread of the block has stored its element.
    barrier();
    result[i] = slice[63 - t];
}
