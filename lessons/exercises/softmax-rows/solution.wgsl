// One block of 64 threads per row: a and result have size.height rows of size.width.
var<workgroup> part: array<f32, 64>;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    let t = lid.x;
    let row = wid.x;
    if (row >= size.height) {
        return;  // the whole block leaves together, so no thread misses a barrier
    }
    let start = row * size.width;

    // 1. The row's largest number: each thread's own, then the block's.
    var m = -3.4e38;
    for (var x = t; x < size.width; x += 64u) {
        m = max(m, a[start + x]);
    }
    part[t] = m;
    workgroupBarrier();
    for (var stride = 32u; stride > 0u; stride /= 2u) {
        if (t < stride) {
            part[t] = max(part[t], part[t + stride]);
        }
        workgroupBarrier();
    }
    m = part[0];
    workgroupBarrier();  // everyone has read the max before part is reused

    // 2. The sum of exp(a - m), the same way.
    var s = 0.0;
    for (var x = t; x < size.width; x += 64u) {
        s += exp(a[start + x] - m);
    }
    part[t] = s;
    workgroupBarrier();
    for (var stride = 32u; stride > 0u; stride /= 2u) {
        if (t < stride) {
            part[t] += part[t + stride];
        }
        workgroupBarrier();
    }
    s = part[0];

    // 3. Each thread writes its own elements.
    for (var x = t; x < size.width; x += 64u) {
        result[start + x] = exp(a[start + x] - m) / s;
    }
}
