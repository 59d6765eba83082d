#!/usr/bin/env bash
# Fails when a C++ source file differs from the root .clang-format (a check, not a reformat).
# Run by `make test` (ctest: format.clang_format). To fix a file: clang-format -i FILE
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check_format: clang-format is not installed (scripts/setup.sh installs it)"; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -- '*.cpp' '*.h' '*.cu' '*.cuh')
else
  mapfile -t files < <(find engine native platform tests web bench -name '*.cpp' -o -name '*.h' -o -name '*.cu' -o -name '*.cuh')
fi
bad=()
for f in "${files[@]}"; do
  [[ -f "$f" ]] || continue
  if ! clang-format --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
if ((${#bad[@]})); then
  echo "check_format: ${#bad[@]} of ${#files[@]} C++ files differ from .clang-format:"
  printf '  %s\n' "${bad[@]}"
  echo "Fix with: clang-format -i <file> (EM_JS bodies sit between // clang-format off and on)."
  exit 1
fi
echo "check_format: all ${#files[@]} C++ files match .clang-format"
