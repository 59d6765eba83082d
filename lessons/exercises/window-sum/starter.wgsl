// 3 blocks of 8 threads; size.n = 24. result[i] = a[i-2] + a[i-1] + a[i] (0 before the start).
var<workgroup> tile: array<f32, 8 + 2>;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,
        @builtin(workgroup_id) wid: vec3<u32>) {
    let i = gid.x;
    let t = lid.x;
}
