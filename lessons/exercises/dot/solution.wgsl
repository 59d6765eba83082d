// One block (workgroup) of 64 threads; size.n = 64.
var<workgroup> partial: array<f32, 64>;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
    let t = lid.x;
    partial[t] = select(0.0, a[t] * b[t], t < size.n);
    workgroupBarrier();
    for (var stride = 32u; stride > 0u; stride /= 2u) {
        if (t < stride) {
            partial[t] += partial[t + stride];
        }
        workgroupBarrier();
    }
    if (t == 0u) {
        result[0] = partial[0];
    }
}
