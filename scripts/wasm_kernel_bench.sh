#!/usr/bin/env bash
# Sets WebAssembly SIMD against native SSE on this machine: builds dojo_kernel_bench natively (CMake) and for
# node (emcc -msimd128), runs both RUNS times in turn, and prints the two goals of docs/benchmarks.md.
#   scripts/wasm_kernel_bench.sh [size...]            (default: 256 512 1024)
# BUILD_DIR: the native CMake build (default build/native); WASM_DIR: where the node build goes (default
# $BUILD_DIR/wasm-kernel-bench); RUNS: runs of each build (default 3); REPS: timed repetitions per rung (5).
# Exits 1 when any result fails verification, 2 when a build fails; a missed speed goal is printed, not fatal.
set -euo pipefail
cd "$(dirname "$0")/.."

build="${BUILD_DIR:-build/native}"
wasm_dir="${WASM_DIR:-$build/wasm-kernel-bench}"
runs="${RUNS:-3}"
reps="${REPS:-5}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(256 512 1024)
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"  # Debian's emcc needs acorn from here

if [ ! -f "$build/CMakeCache.txt" ]; then
    echo "wasm_kernel_bench: no CMake build in $build (make native, or set BUILD_DIR)" >&2
    exit 2
fi
cmake --build "$build" --target dojo_kernel_bench >&2 || exit 2
native="$build/bench/dojo_kernel_bench"

# The same sources the CPU backend is built from; the multithreaded rung is listed but never run here
# (without -pthread it runs on one thread).
sources=(engine/compute/matmul.cpp bench/wasm/kernel_bench.cpp)
for f in cpu_backend naive reordered blocked simd128 threaded rounded_inputs cpu_peak; do
    sources+=("engine/compute/cpu/$f.cpp")
done
mkdir -p "$wasm_dir/include"
# emcc must not see all of /usr/include (glibc's headers clash with its libc): expose nlohmann-json alone.
[ -e "$wasm_dir/include/nlohmann" ] || ln -s /usr/include/nlohmann "$wasm_dir/include/nlohmann"
wasm="$wasm_dir/kernel_bench.js"
stale=0
[ -f "$wasm" ] || stale=1
for f in "${sources[@]}" engine/compute/cpu/*.h engine/compute/*.h "$0"; do [ "$f" -nt "$wasm" ] && stale=1; done
if [ "$stale" = 1 ]; then
    echo "emcc: building $wasm" >&2
    # Synchronous compilation: Emscripten 3.1.6's async path fetch()es the .wasm by file name, which node 18+ rejects.
    emcc -O3 -msimd128 -std=c++20 -Wall -Wextra -Iengine -isystem "$wasm_dir/include" \
        -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 -sWASM_ASYNC_COMPILATION=0 "${sources[@]}" -o "$wasm" >&2 || exit 2
fi

results="$wasm_dir/results.jsonl"
: >"$results"
failed=0
for ((r = 1; r <= runs; r++)); do
    # In turn, so slow drifts of a shared machine fall on both builds alike.
    echo "run $r/$runs: native" >&2
    "$native" --reps "$reps" "${sizes[@]}" | sed "s/^{/{\"run\":$r,/" >>"$results" || failed=1
    echo "run $r/$runs: wasm (node $(node --version))" >&2
    node "$wasm" --reps "$reps" "${sizes[@]}" | sed "s/^{/{\"run\":$r,/" >>"$results" || failed=1
done

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
emcc_version="$(emcc --version | head -1 | grep -o '[0-9][0-9.]*' | head -1)"
echo "machine: ${cpu:-unknown CPU}, $(nproc) threads, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tools: $(gcc --version | head -1); emcc $emcc_version; node $(node --version)"
python3 - "$results" "$runs" <<'PY'
import json, statistics, sys
path, runs = sys.argv[1], int(sys.argv[2])
rows = [json.loads(line) for line in open(path) if line.startswith("{")]
bad = [r for r in rows if not r["passed"]]
for r in bad:
    print(f"FAILED {r['build']} {r['kernel']} n={r['n']}: {r['error']}")

def by_run(build, kernel, n):
    return {r["run"]: r["gflops"] for r in rows
            if r["build"] == build and r["kernel"] == kernel and r["n"] == n and r["passed"]}

def runs_of(build, kernel, n):
    return list(by_run(build, kernel, n).values())

def pair_ratios(top, bottom):
    # Run r of one build beside run r of the other: neighbours in time share the machine's load.
    return [top[r] / bottom[r] for r in top if bottom.get(r)]

def med(v):
    return statistics.median(v) if v else 0.0

def spread(v):
    return f"{min(v):.1f}-{max(v):.1f}" if v else "-"

wasm = next((r["build"] for r in rows if r["build"].startswith("wasm")), "wasm-simd128")
kernels = list(dict.fromkeys(r["kernel"] for r in rows))
sizes = sorted(set(r["n"] for r in rows))
print(f"\nGFLOP/s, median of {runs} run(s) (each run: the median of its repetitions); (range): lowest-highest run")
print(f"{'n':>5} {'kernel':<14} {'native':>8} {'(range)':>13} {wasm:>13} {'(range)':>13} {'wasm/native':>12}")
for n in sizes:
    for k in kernels:
        nv, wv = runs_of("native", k, n), runs_of(wasm, k, n)
        ratio = f"{100 * med(wv) / med(nv):.0f}%" if nv and wv else "-"
        print(f"{n:>5} {k:<14} {med(nv):>8.1f} {spread(nv):>13} {med(wv):>13.1f} {spread(wv):>13} {ratio:>12}")

print("\ngoals (docs/benchmarks.md):")
for n in sizes:
    simd_w, simd_n, naive_w = by_run(wasm, "simd-128", n), by_run("native", "simd-128", n), by_run(wasm, "naive", n)
    if simd_w and naive_w:
        x, pairs = med(list(simd_w.values())) / med(list(naive_w.values())), pair_ratios(simd_w, naive_w)
        verdict = "met" if x >= 3 else "NOT met"
        print(f"  n={n}: wasm simd-128 is {x:.1f}x wasm naive (run by run {spread(pairs)}x; goal >= 3x): {verdict}")
    if simd_w and simd_n:
        p = 100 * med(list(simd_w.values())) / med(list(simd_n.values()))
        pairs = [100 * v for v in pair_ratios(simd_w, simd_n)]
        verdict = "met" if p >= 60 else "NOT met"
        print(f"  n={n}: wasm simd-128 is {p:.0f}% of native simd-128, SSE "
              f"(run by run {spread(pairs)}%; goal >= 60%): {verdict}")
sys.exit(1 if bad else 0)
PY
exit "$failed"
