// Cell (x, y) of a size.width x size.height grid is element y * size.width + x.
void main() {
    uint x = gl_GlobalInvocationID.x;
    uint y = gl_GlobalInvocationID.y;
    if (x < size.width && y < size.height) {
        uint i = y * size.width + x;
        result[i] = a[i] + 10.0;
    }
}
