#!/usr/bin/python3
"""Checks `dojo exercise check --json` against docs/exercise-verdict.schema.json, on a kernel that
passes and on ones that fail (a missing guard, a compile error, a race), and proves the schema has teeth:
a verdict without its format tag, or with a mistyped field, must be rejected.

Usage: check_verdict_json.py SCHEMA DOJO LESSONS_DIR
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

KERNELS = {
    "pass": "void main() {\n  uint i = gl_GlobalInvocationID.x;\n  if (i < size.n) result[i] = a[i] + 10.0;\n}\n",
    "no-guard": "void main() {\n  uint i = gl_GlobalInvocationID.x;\n  result[i] = a[i] + 10.0;\n}\n",
    "compile-error": "void main() {\n  result[0] = nope;\n}\n",
    # Every thread writes element 0: two writers, which the traced run must name.
    "race": "void main() {\n  result[0] = a[0] + 10.0;\n}\n",
}


def main() -> int:
    schema_path, dojo, lessons = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    docs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, code in KERNELS.items():
            path = os.path.join(tmp, name + ".comp")
            with open(path, "w", encoding="utf-8") as f:
                f.write(code)
            run = subprocess.run([dojo, "exercise", "--lessons", lessons, "check", "guard", path, "--json"],
                                 capture_output=True, text=True, timeout=300)
            if run.returncode in (3, 4):
                print(f"no Vulkan here (dojo exited {run.returncode}): {run.stderr.strip()}", file=sys.stderr)
                return 0
            if run.returncode not in (0, 1):
                print(f"{name}: dojo exited {run.returncode}: {run.stderr}", file=sys.stderr)
                return 1
            docs[name] = json.loads(run.stdout)
    failed = False
    for name, doc in docs.items():
        for e in validator.iter_errors(doc):
            print(f"{name}: schema: /{'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
            failed = True
    races = docs["race"].get("races") or []
    if not races or races[0].get("kind") != "two_writers" or docs["pass"].get("races") != []:
        print("the races are wrong: " + json.dumps({k: docs[k].get("races") for k in docs}), file=sys.stderr)
        failed = True
    if docs["pass"]["passed"] is not True or docs["no-guard"]["passed"] is not False:
        print("the verdicts are wrong: " + json.dumps(docs), file=sys.stderr)
        failed = True
    untagged = copy.deepcopy(docs["pass"])
    del untagged["format"]
    mistyped = copy.deepcopy(docs["no-guard"])
    mistyped["out_of_bounds_count"] = "six"
    for name, bad in (("untagged", untagged), ("mistyped", mistyped)):
        if validator.is_valid(bad):
            print(f"the schema accepted a {name} verdict", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
