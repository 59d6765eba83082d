#!/usr/bin/python3
"""Runs `dojo ARGS --json` and checks its output against docs/lab-results.schema.json.

Usage: check_lab_json.py SCHEMA DOJO ARGS...
Also proves the schema has teeth: the same document with its format tag removed, or with a
failed kernel that still reports a speed, must be rejected.
"""
import copy
import json
import subprocess
import sys

import jsonschema


def main() -> int:
    schema_path, dojo, *args = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    run = subprocess.run([dojo, *args, "--json"], capture_output=True, text=True, timeout=600)
    if run.returncode not in (0, 1):
        print(f"dojo {' '.join(args)} exited {run.returncode}: {run.stderr}", file=sys.stderr)
        return 1
    doc = json.loads(run.stdout)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors:
        print(f"schema: /{'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
    if errors:
        return 1

    reports = doc if isinstance(doc, list) else [doc]
    broken = copy.deepcopy(doc)
    (broken[0] if isinstance(broken, list) else broken).pop("format")
    if validator.is_valid(broken):
        print("schema accepted a document without its format tag", file=sys.stderr)
        return 1
    if reports[0]["matmul"]:
        lying = copy.deepcopy(reports[0])
        lying["matmul"][0].update(passed=False, gflops=123.0, error="wrong result")
        if validator.is_valid(lying):
            print("schema accepted a failed kernel that reports a speed", file=sys.stderr)
            return 1
    labs = {r["lab"] for r in reports}
    print(f"valid: {len(reports)} report(s), lab {', '.join(sorted(labs))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
