"""Runs an example flow version on flowctl's local engine, where Metaflow is not installed.

flowctl hands the run's input (the canonical JSON object, defaults applied) to stdin; this
prints what the version was started with, so `flowctl run` works on a machine with only Java
and python3. A real local engine setup points run: at the flow's own entry point instead.
"""
import json
import sys


def main() -> int:
    flow, version = sys.argv[1], sys.argv[2]
    inputs = json.load(sys.stdin)
    if not isinstance(inputs, dict):
        print(f"{flow}@{version}: the input is not a JSON object", file=sys.stderr)
        return 2
    print(f"{flow}@{version} started with {len(inputs)} inputs")
    for name in sorted(inputs):
        print(f"  {name} = {json.dumps(inputs[name])}")
    print(f"{flow}@{version} done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
