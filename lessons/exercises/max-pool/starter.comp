// result: size.height rows of size.width; a: 2 * size.height rows of 2 * size.width.
void main() {
    uint x = gl_GlobalInvocationID.x;
    uint y = gl_GlobalInvocationID.y;
}
