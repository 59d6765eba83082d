// a: size.height rows of size.width; result: size.width rows of size.height.
void main() {
    uint x = gl_GlobalInvocationID.x;
    uint y = gl_GlobalInvocationID.y;
    if (x < size.width && y < size.height) {
        result[x * size.height + y] = a[y * size.width + x];
    }
}
