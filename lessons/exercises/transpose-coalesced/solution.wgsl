// a: size.height rows of size.width; result: size.width rows of size.height. Blocks of 16 x 16.
var<workgroup> tile: array<array<f32, 17>, 16>;  // one spare column: a column of the tile does not sit in one bank

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    let tx = lid.x;
    let ty = lid.y;
    let bx = wid.x * 16u;  // the tile's first column of a
    let by = wid.y * 16u;  // the tile's first row of a
    // Read a row of the tile: neighbouring threads read neighbouring elements of a.
    if (bx + tx < size.width && by + ty < size.height) {
        tile[ty][tx] = a[(by + ty) * size.width + bx + tx];
    }
    workgroupBarrier();
    // Write a row of result (a column of a): neighbouring threads write neighbouring elements.
    let row = bx + ty;  // result's row = a's column
    let col = by + tx;  // result's column = a's row
    if (row < size.width && col < size.height) {
        result[row * size.height + col] = tile[tx][ty];
    }
}
