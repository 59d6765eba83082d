// result: size.height rows of size.width; a: 2 * size.height rows of 2 * size.width.
@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let x = gid.x;
    let y = gid.y;
    if (x < size.width && y < size.height) {
        let row = 2u * size.width;           // numbers in one row of a
        let top = (2u * y) * row + 2u * x;   // the square's top-left element
        let upper = max(a[top], a[top + 1u]);
        let lower = max(a[top + row], a[top + row + 1u]);
        result[y * size.width + x] = max(upper, lower);
    }
}
