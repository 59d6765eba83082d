// a, b, result: size.n x size.n, row after row. Blocks of 16 x 16 threads, tiles of 16 x 16.
var<workgroup> tileA: array<array<f32, 16>, 16>;
var<workgroup> tileB: array<array<f32, 16>, 16>;

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let tx = lid.x;
    let ty = lid.y;
    let col = gid.x;
    let row = gid.y;
    var sum = 0.0;
}
