// 3 blocks of 64 threads; size.n = 192. Each block writes its 64 elements in reverse order.
var<workgroup> slice: array<f32, 64>;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let i = gid.x;
    let t = lid.x;
    slice[t] = a[i];
    // Slot 63 - t is another thread's: wait until every thread of the block has stored its element.
    workgroupBarrier();
    result[i] = slice[63u - t];
}
