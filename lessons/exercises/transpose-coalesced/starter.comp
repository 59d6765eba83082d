// a: size.height rows of size.width; result: size.width rows of size.height. Blocks of 16 x 16.
shared float tile[16][17];  // one spare column spreads a column of the tile over 16 banks, not 2

void main() {
    uint tx = gl_LocalInvocationID.x;
    uint ty = gl_LocalInvocationID.y;
    uint bx = gl_WorkGroupID.x * 16;  // the tile's first column of a
    uint by = gl_WorkGroupID.y * 16;  // the tile's first row of a
}
