// a: size.height rows of size.width; result: size.width rows of size.height. Blocks of 16 x 16.
shared float tile[16][17];  // one spare column spreads a column of the tile over 16 banks, not 2

void main() {
    uint tx = gl_LocalInvocationID.x;
    uint ty = gl_LocalInvocationID.y;
    uint bx = gl_WorkGroupID.x * 16;  // the tile's first column of a
    uint by = gl_WorkGroupID.y * 16;  // the tile's first row of a
    // Read a row of the tile: neighbouring threads read neighbouring elements of a.
    if (bx + tx < size.width && by + ty < size.height) {
        tile[ty][tx] = a[(by + ty) * size.width + bx + tx];
    }
    barrier();
    // Write a row of result (a column of a): neighbouring threads write neighbouring elements.
    uint row = bx + ty;  // result's row = a's column
    uint col = by + tx;  // result's column = a's row
    if (row < size.width && col < size.height) {
        result[row * size.height + col] = tile[tx][ty];
    }
}
