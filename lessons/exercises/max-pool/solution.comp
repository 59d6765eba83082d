// result: size.height rows of size.width; a: 2 * size.height rows of 2 * size.width.
void main() {
    uint x = gl_GlobalInvocationID.x;
    uint y = gl_GlobalInvocationID.y;
    if (x < size.width && y < size.height) {
        uint row = 2 * size.width;             // numbers in one row of a
        uint top = (2 * y) * row + 2 * x;      // the square's top-left element
        float upper = max(a[top], a[top + 1]);
        float lower = max(a[top + row], a[top + row + 1]);
        result[y * size.width + x] = max(upper, lower);
    }
}
