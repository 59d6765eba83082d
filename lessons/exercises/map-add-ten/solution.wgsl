// a, b and result are f32 arrays; size.n is the number of elements.
@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x;
    result[i] = a[i] + 10.0;
}
