#!/usr/bin/env bash
# The one command for a GPU machine: builds (make native), runs the CUDA and Vulkan device tests,
# every lab (each result as JSON in OUT_DIR, default ./lab-results) and every kernel exercise's model
# solution on the CUDA path, then prints each performance goal of docs/benchmarks.md's GPU section
# as met or not met against what was measured.
#   scripts/gpu_labs.sh [path/to/dojo] [OUT_DIR]
# BUILD=0 skips the build (the default dojo path is built; a dojo path given is used as it is).
# SIZE=256 for a quick try (the goals are set at 4096). Exits 1 when a device test or a lab failed;
# a goal not met is a finding, not a failure.
set -uo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
dojo="${1:-build/native/dojo}"
out="${2:-lab-results}"
size="${SIZE:-4096}"  # SIZE=256 for a quick try on a machine without a GPU
if [ "${BUILD:-1}" != 0 ] && [ -z "${1:-}" ]; then
  echo "== make native"
  make -C "$here" native || { echo "gpu_labs: the build failed" >&2; exit 2; }
  dojo="$here/build/native/dojo"
fi
mkdir -p "$out"
[ -x "$dojo" ] || { echo "gpu_labs: no dojo binary at $dojo (build with: make native)" >&2; exit 2; }
failed=0

run() {  # run NAME ARGS...: the table on screen, the JSON in $out/NAME.json
  local name="$1"; shift
  echo "== dojo $*"
  "$dojo" "$@" --json >"$out/$name.json"
  local rc=$?
  echo "   exit $rc, $out/$name.json"
  [ "$rc" = 0 ] || failed=1
  return 0
}

"$dojo" check | tee "$out/check.txt"
# The CUDA and Vulkan tests beside the binary, where it was built with them: every kernel at awkward
# sizes on this GPU, the CUDA and Vulkan exercise devices (pass, wrong answer, out of bounds, the step
# budget, the watchdog), the entry points opened at run time, and the kernels in the CPU emulator.
# On a GPU machine a skipped device test is a finding too, so the skips are counted.
tests_dir="$(dirname "$dojo")/tests"
for t in "$tests_dir/dojo_cuda_tests" "$tests_dir/dojo_cuda_exercise_tests" "$tests_dir/dojo_cuda_toolkit_tests" \
         "$tests_dir/cuda_emu/dojo_cuda_emu_tests" "$tests_dir/dojo_vulkan_tests" "$tests_dir/dojo_vulkan_exercise_tests"; do
  [ -x "$t" ] || continue
  log="$out/$(basename "$t").txt"
  echo "== $t"
  "$t" >"$log" 2>&1
  rc=$?
  skipped=$(grep -c '^\[  SKIPPED \]' "$log")
  tail -3 "$log"
  echo "   exit $rc, $skipped skipped (see $log)"
  [ "$rc" = 0 ] || failed=1
done
# Every exercise's CUDA model solution through `dojo exercise check` on this GPU (compile, run, judge, time).
lessons="${DOJO_LESSONS_DIR:-$(dirname "$0")/../lessons}"
for sol in "$lessons"/exercises/*/solution.cu; do
  [ -f "$sol" ] || continue
  id="$(basename "$(dirname "$sol")")"
  echo "== dojo exercise check $id $sol --backend cuda"
  "$dojo" exercise --lessons "$lessons" check "$id" "$sol" --backend cuda --json >"$out/exercise-cuda-$id.json"
  rc=$?
  echo "   exit $rc, $out/exercise-cuda-$id.json"
  [ "$rc" = 0 ] || failed=1
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

python3 - "$out" "$size" <<'PY'
import json, os, sys
out, size = sys.argv[1], int(sys.argv[2])
def load(name):
    try:
        with open(os.path.join(out, name + ".json")) as f:
            doc = json.load(f)
        return doc if isinstance(doc, dict) else doc[0]
    except (OSError, ValueError, IndexError, KeyError):
        return None
def best(doc, pred):
    runs = [r for r in (doc or {}).get("matmul", []) if r["passed"] and pred(r)]
    return max(runs, key=lambda r: r["gflops"]) if runs else None
def verdict(ok):
    return "met" if ok else "NOT MET"
cuda, vk = load("cuda-big"), load("vulkan-big")
ref = best(cuda, lambda r: r["kernel"] == "cublas")
ref_bf16 = best(cuda, lambda r: r["kernel"] == "cublas-bf16")
# The goals of docs/benchmarks.md, "The GPU goals": (label, goal in %, mine, baseline).
rows = [
    ("best hand-written CUDA FP32 kernel / cuBLAS SGEMM", 90, best(cuda, lambda r: r["dtype"] == "fp32" and not r["kernel"].startswith("cublas")), ref),
    ("best Vulkan shader / cuBLAS SGEMM", 70, best(vk, lambda r: r["dtype"] == "fp32"), ref),
    ("hand-written tensor-core BF16 (wmma-bf16) / cuBLAS BF16 (an aim)", 50, best(cuda, lambda r: r["kernel"] == "wmma-bf16"), ref_bf16),
]
note = "" if size == 4096 else f" (measured at {size}; the goals are set at 4096, so these verdicts are only indicative)"
print(f"\nperformance goals of docs/benchmarks.md{note}")
for label, goal, mine, base in rows:
    if mine and base:
        pct = 100 * mine["gflops"] / base["gflops"]
        print(f"  {label}, goal {goal}%: {mine['kernel']} {mine['gflops']:.0f} / {base['kernel']} {base['gflops']:.0f} GFLOP/s = {pct:.1f}%: {verdict(pct >= goal)}")
    else:
        print(f"  {label}, goal {goal}%: not measured (missing or failed runs): NOT MET")
t = load("transfer")
h2d = [p for p in (t or {}).get("transfers", []) if p["direction"] == "host-to-device"]
largest = max((p["bytes"] for p in h2d), default=0)
at_largest = {p["memory"]: p["gbps"] for p in h2d if p["bytes"] == largest}
if "pinned" in at_largest and "pageable" in at_largest and at_largest["pageable"] > 0:
    ratio = at_largest["pinned"] / at_largest["pageable"]
    print(f"  pinned / pageable host-to-device at {largest >> 20} MiB, goal at least 1.2x: {at_largest['pinned']:.1f} / {at_largest['pageable']:.1f} GB/s = {ratio:.2f}x: {verdict(ratio >= 1.2)}")
else:
    print("  pinned / pageable host-to-device, goal at least 1.2x: not measured (missing or failed transfer lab): NOT MET")
verdicts = [load(n[:-5]) for n in sorted(os.listdir(out)) if n.startswith("exercise-cuda-") and n.endswith(".json")]
if verdicts:
    passed = [v for v in verdicts if v and v.get("passed")]
    print(f"  CUDA exercises: {len(passed)} of {len(verdicts)} model solutions passed (exercise-cuda-*.json)")
PY
if [ "$failed" != 0 ]; then
  echo "gpu_labs: a device test, a lab or an exercise check failed (see above and $out/)" >&2
  exit 1
fi
