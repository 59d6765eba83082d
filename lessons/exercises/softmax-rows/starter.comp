// One block of 64 threads per row: a and result have size.height rows of size.width.
shared float part[64];

void main() {
    uint t = gl_LocalInvocationID.x;
    uint row = gl_WorkGroupID.x;
    uint start = row * size.width;
}
