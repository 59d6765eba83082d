// result[i] = a[i] + b[i] for every i below size.n.
@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x;
    result[i] = a[i] + b[i];
}
