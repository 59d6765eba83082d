// One block of 64 threads; size.n = 64. result[i] = a[0] + ... + a[i].
var<workgroup> scan: array<f32, 64>;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
    let t = lid.x;
    scan[t] = a[t];
    workgroupBarrier();
    for (var d = 1u; d < 64u; d *= 2u) {
        var left = 0.0;
        if (t >= d) {
            left = scan[t - d];
        }
        workgroupBarrier();  // every thread has read this step's values before any is overwritten
        scan[t] += left;
        workgroupBarrier();  // every value of this step is written before the next step reads
    }
    result[t] = scan[t];
}
