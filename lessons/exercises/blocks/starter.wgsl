// 4 blocks (workgroups) of 16 threads for size.n = 50 elements.
@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let block = wid.x;
    let local_index = lid.x;
}
