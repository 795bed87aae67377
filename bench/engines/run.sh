#!/usr/bin/env bash
# Benchmark: apply of N new flow versions through the command engine, each deploy a 200 ms
# command, at parallelism P. Ideal = ceil(N / P) * 0.2 s. Prints the wall time of the whole
# `flowctl apply` (JVM start, plan, state writes included) and its ratio to the ideal.
# usage: bench/engines/run.sh [N=100] [P=10] [DEPLOY_MS=200] [RUNS=5]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-100}"; p="${2:-10}"; ms="${3:-200}"; runs="${4:-5}"
work="$root/bench/out/engines"
rm -rf "$work"; mkdir -p "$work/flows"
"$root/flowctl" --version >/dev/null   # build once, outside the timing

sleep_s="$(awk "BEGIN{print $ms/1000}")"
{
  echo "project: bench"
  echo "engine: { type: command, deploy: 'sleep $sleep_s', delete: 'true' }"
  echo "flows:"
  for ((i = 0; i < n; i++)); do
    echo "  flow$i:"
    echo "    source: flows/flow$i.py"
    echo "    versions:"
    echo "      v1: { inputs: { fleet_id: { type: string, required: true } } }"
    echo "print($i)" > "$work/flows/flow$i.py"
  done
} > "$work/flows.yaml"

ideal="$(awk "BEGIN{print int(($n + $p - 1) / $p) * $ms / 1000}")"
times=()
for ((r = 1; r <= runs; r++)); do
  rm -rf "$work/.flowctl"
  start="$(date +%s.%N)"
  "$root/flowctl" apply -f "$work/flows.yaml" --auto-approve --parallelism "$p" > "$work/apply.log"
  end="$(date +%s.%N)"
  t="$(awk "BEGIN{printf \"%.2f\", $end - $start}")"
  grep -q "Apply complete! Flow versions: $n created" "$work/apply.log"
  times+=("$t")
  echo "run $r: ${t}s (ratio $(awk "BEGIN{printf \"%.2f\", $t / $ideal}"))"
done
median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')"
echo "apply of $n changes, ${ms} ms deploy, parallelism $p: median ${median}s, ideal ${ideal}s, ratio $(awk "BEGIN{printf \"%.2f\", $median / $ideal}")"
