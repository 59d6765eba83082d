// a, b, result: size.n x size.n, row after row. Blocks of 16 x 16 threads, tiles of 16 x 16.
var<workgroup> tileA: array<array<f32, 16>, 16>;
var<workgroup> tileB: array<array<f32, 16>, 16>;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let tx = lid.x;
    let ty = lid.y;
    let col = gid.x;
    let row = gid.y;
    var sum = 0.0;
    for (var k0 = 0u; k0 < size.n; k0 += 16u) {
        // Each thread loads one element of each tile (0 outside the matrices).
        let ka = k0 + tx;
        let kb = k0 + ty;
        tileA[ty][tx] = 0.0;
        if (row < size.n && ka < size.n) {
            tileA[ty][tx] = a[row * size.n + ka];
        }
        tileB[ty][tx] = 0.0;
        if (kb < size.n && col < size.n) {
            tileB[ty][tx] = b[kb * size.n + col];
        }
        workgroupBarrier();  // both tiles are complete
        for (var k = 0u; k < 16u; k++) {
            sum += tileA[ty][k] * tileB[k][tx];
        }
        workgroupBarrier();  // everyone is done with these tiles before the next loads
    }
    if (row < size.n && col < size.n) {
        result[row * size.n + col] = sum;
    }
}
