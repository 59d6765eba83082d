// 16 threads, size.n = 10 elements.
@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x;
    if (i < size.n) {
        result[i] = a[i] + 10.0;
    }
}
