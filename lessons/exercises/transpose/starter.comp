// a: size.height rows of size.width; result: size.width rows of size.height.
void main() {
    uint x = gl_GlobalInvocationID.x;
    uint y = gl_GlobalInvocationID.y;
}
