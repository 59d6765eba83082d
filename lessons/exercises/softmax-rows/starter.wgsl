// One block of 64 threads per row: a and result have size.height rows of size.width.
var<workgroup> part: array<f32, 64>;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    let t = lid.x;
    let row = wid.x;
    let start = row * size.width;
}
