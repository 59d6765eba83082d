// One block of 64 threads; size.n = 64. result[i] = a[0] + ... + a[i].
var<workgroup> scan: array<f32, 64>;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
    let t = lid.x;
}
