// Cell (x, y) of a size.width x size.height grid is element y * size.width + x.
void main() {
    uint x = gl_GlobalInvocationID.x;
    uint y = gl_GlobalInvocationID.y;
}
