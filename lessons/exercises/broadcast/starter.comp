// a: size.width numbers; b: size.height numbers; result: the size.width x size.height grid.
void main() {
    uint x = gl_GlobalInvocationID.x;
    uint y = gl_GlobalInvocationID.y;
}
