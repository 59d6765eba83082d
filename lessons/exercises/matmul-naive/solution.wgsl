// a, b, result: size.n x size.n, row after row.
@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let col = gid.x;
    let row = gid.y;
    if (row < size.n && col < size.n) {
        var sum = 0.0;
        for (var k = 0u; k < size.n; k++) {
            sum += a[row * size.n + k] * b[k * size.n + col];
        }
        result[row * size.n + col] = sum;
    }
}
