#!/usr/bin/env bash
# Start-up of ./flowctl against the JVM's own floor (`java -version`), all in one hyperfine run so the
# ratios share the same machine load. Needs hyperfine (Debian: apt-get install -y hyperfine).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/bench/out"
mkdir -p "$out"
"$repo/flowctl" --version >/dev/null   # builds the jar and its class-data archive when needed

example="$repo/flows.yaml.example"
jar="$repo/cli/target/flowctl.jar"
plain="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar"
# plan without python3 on PATH: the Metaflow source check (planner/.../sourcesync) is skipped with a
# warning, so the difference to the plan row is what running python3 once costs.
nopython="$out/nopython"
mkdir -p "$nopython"
for tool in java bash dirname find; do ln -sf "$(command -v $tool)" "$nopython/$tool"; done
# BASE=/another/checkout (built, with its archive) adds its --version and plan as rows of the same run: an
# A/B comparison of two builds under one machine load.
base=()
if [ -n "${BASE:-}" ]; then
  "$BASE/flowctl" --version >/dev/null
  base=(--command-name "BASE: flowctl --version" "$BASE/flowctl --version"
        --command-name "BASE: flowctl plan" "$BASE/flowctl plan --no-color -f $example")
fi
hyperfine -N --warmup "${WARMUP:-3}" --runs "${RUNS:-30}" --export-json "$out/startup.json" \
  --command-name "java -version" "java -version" \
  "${base[@]}" \
  --command-name "flowctl --version" "$repo/flowctl --version" \
  --command-name "flowctl plan -f flows.yaml.example" "$repo/flowctl plan --no-color -f $example" \
  --command-name "plan, no python3 on PATH" "env PATH=$nopython $repo/flowctl plan --no-color -f $example" \
  --command-name "no archive: --version" "$plain --version" \
  --command-name "no archive: plan" "$plain plan --no-color -f $example"

python3 - "$out/startup.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
base = r["java -version"]
cpu = lambda x: x["user"] + x["system"]
print(f"\n{'':38s} {'median wall':>12s} {'ratio':>6s} {'mean CPU':>9s} {'ratio':>6s}")
for name, x in r.items():
    print(f"  {name:36s} {x['median'] * 1000:9.0f} ms {x['median'] / base['median']:5.1f}x"
          f" {cpu(x) * 1000:6.0f} ms {cpu(x) / cpu(base):5.1f}x")
PY
