#!/usr/bin/env bash
# Runs every lab on a GPU machine and writes each result as JSON into OUT_DIR (default
# ./lab-results), then prints the performance goals of docs/benchmarks.md against what was measured.
#   scripts/gpu_labs.sh [path/to/dojo] [OUT_DIR]
# Needs only the dojo binary and the NVIDIA driver (plus a Vulkan loader for the Vulkan rows).
set -uo pipefail

dojo="${1:-build/native/dojo}"
out="${2:-lab-results}"
size="${SIZE:-4096}"  # SIZE=256 for a quick try on a machine without a GPU
mkdir -p "$out"
[ -x "$dojo" ] || { echo "gpu_labs: no dojo binary at $dojo (build with: make native)" >&2; exit 2; }

run() {  # run NAME ARGS...: the table on screen, the JSON in $out/NAME.json
  local name="$1"; shift
  echo "== dojo $*"
  "$dojo" "$@" --json >"$out/$name.json"
  local rc=$?
  echo "   exit $rc, $out/$name.json"
  return 0
}

"$dojo" check | tee "$out/check.txt"
# The CUDA and Vulkan tests beside the binary, where it was built with them: every kernel at awkward sizes,
# and the CUDA exercise device on this GPU (pass, wrong answer, out of bounds, the step budget, the watchdog).
for t in "$(dirname "$dojo")/tests/dojo_cuda_tests" "$(dirname "$dojo")/tests/dojo_cuda_exercise_tests" "$(dirname "$dojo")/tests/dojo_vulkan_tests"; do
  [ -x "$t" ] && { echo "== $t"; "$t" --gtest_brief=1 2>&1 | tee "$out/$(basename "$t").txt" | tail -5; }
done
# Every exercise's CUDA model solution through `dojo exercise check` on this GPU (compile, run, judge, time).
lessons="${DOJO_LESSONS_DIR:-$(dirname "$0")/../lessons}"
for sol in "$lessons"/exercises/*/solution.cu; do
  [ -f "$sol" ] || continue
  id="$(basename "$(dirname "$sol")")"
  echo "== dojo exercise check $id $sol --backend cuda"
  "$dojo" exercise --lessons "$lessons" check "$id" "$sol" --backend cuda --json >"$out/exercise-cuda-$id.json"
  echo "   exit $?, $out/exercise-cuda-$id.json"
done
run cuda-big      bench --backend cuda --size "$size" --dtype all --reps 5
run vulkan-big    bench --backend vulkan --size "$size" --dtype all --reps 5
run cpu-2048       bench --backend cpu --size 2048 --reps 3 --kernel simd-avx512,simd-avx2,multithreaded,openblas
run transfer       lab transfer --backend cuda
run crossover      lab crossover --backend cuda
run vram           lab vram --backend cuda --limit 16G
run precision      lab precision --backend cuda --sizes "$size"
run roofline-cuda  lab roofline --backend cuda --sizes 256,1024,"$size"
run roofline-vk    lab roofline --backend vulkan --sizes 256,1024,"$size"

python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
def load(name):
    try:
        with open(os.path.join(out, name + ".json")) as f:
            doc = json.load(f)
        return doc if isinstance(doc, dict) else doc[0]
    except (OSError, ValueError, IndexError):
        return None
def best(doc, pred):
    runs = [r for r in (doc or {}).get("matmul", []) if r["passed"] and pred(r)]
    return max(runs, key=lambda r: r["gflops"]) if runs else None
cuda, vk = load("cuda-big"), load("vulkan-big")
ref = best(cuda, lambda r: r["kernel"] == "cublas")
ref_bf16 = best(cuda, lambda r: r["kernel"] == "cublas-bf16")
rows = [
    ("best hand-written CUDA FP32 / cuBLAS SGEMM (goal 90%)", best(cuda, lambda r: r["dtype"] == "fp32" and not r["kernel"].startswith("cublas")), ref),
    ("best Vulkan shader / cuBLAS SGEMM (goal 70%)", best(vk, lambda r: r["dtype"] == "fp32"), ref),
    ("hand tensor-core BF16 / cuBLAS BF16 (aim 50%)", best(cuda, lambda r: r["kernel"] == "wmma-bf16"), ref_bf16),
]
print("\nperformance goals at the largest size run (the goals are set at 4096)")
for label, mine, base in rows:
    if mine and base:
        print(f"  {label}: {mine['kernel']} {mine['gflops']:.0f} / {base['kernel']} {base['gflops']:.0f} GFLOP/s = {100 * mine['gflops'] / base['gflops']:.1f}%")
    else:
        print(f"  {label}: not measured (missing or failed runs)")
verdicts = [load(n[:-5]) for n in sorted(os.listdir(out)) if n.startswith("exercise-cuda-") and n.endswith(".json")]
if verdicts:
    passed = [v for v in verdicts if v and v.get("passed")]
    print(f"  CUDA exercises: {len(passed)} of {len(verdicts)} model solutions passed (exercise-cuda-*.json)")
t = load("transfer")
if t and t.get("transfers"):
    h2d = [p for p in t["transfers"] if p["direction"] == "host-to-device"]
    for mem in ("pinned", "pageable"):
        vals = [p["gbps"] for p in h2d if p["memory"] == mem]
        if vals:
            print(f"  host-to-device, {mem}: {max(vals):.1f} GB/s at best")
PY
