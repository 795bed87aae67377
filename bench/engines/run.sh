#!/usr/bin/env bash
# Benchmark: apply of N new flow versions through the command engine, each deploy a 200 ms
# command, at parallelism P. Ideal = ceil(N / P) * 0.2 s. Prints the wall time of the whole
# `flowctl apply` (JVM start, plan, state writes included) and its ratio to the ideal.
# usage: bench/engines/run.sh [N=100] [P=10] [DEPLOY_MS=200] [RUNS=5]
# STATE=/dev/shm/bench.json puts the state file elsewhere (e.g. tmpfs, to see what fsync costs).
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
times=(); phases=()
for ((r = 1; r <= runs; r++)); do
  rm -rf "$work/.flowctl"
  state_args=()
  if [ -n "${STATE:-}" ]; then rm -f "$STATE" "$STATE.lock"; state_args=(--state "$STATE"); fi
  start="$(date +%s.%N)"
  # Each output line stamped on arrival: the action phase runs from the first action's start
  # (its end minus one deploy) to the last "[n/n]" line; the rest is JVM start, plan and exit.
  "$root/flowctl" apply -f "$work/flows.yaml" --auto-approve --parallelism "$p" "${state_args[@]}" \
    | python3 -u -c 'import sys,time
for l in sys.stdin: print("%.3f %s" % (time.time(), l), end="")' > "$work/apply.log"
  end="$(date +%s.%N)"
  grep -q "Apply complete! Flow versions: $n created" "$work/apply.log"
  first="$(grep -m1 ' \[1/' "$work/apply.log" | cut -d' ' -f1)"
  last="$(grep -m1 " \[$n/$n\]" "$work/apply.log" | cut -d' ' -f1)"
  t="$(awk "BEGIN{printf \"%.2f\", $end - $start}")"
  a="$(awk "BEGIN{printf \"%.2f\", $last - $first + $ms / 1000}")"
  times+=("$t"); phases+=("$a")
  echo "run $r: command ${t}s, action phase ${a}s (ratio $(awk "BEGIN{printf \"%.2f\", $a / $ideal}"))"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
mt="$(median "${times[@]}")"; ma="$(median "${phases[@]}")"
echo "apply of $n changes, ${ms} ms deploy, parallelism $p: ideal ${ideal}s; median action phase ${ma}s (ratio $(awk "BEGIN{printf \"%.2f\", $ma / $ideal}")), median whole command ${mt}s (ratio $(awk "BEGIN{printf \"%.2f\", $mt / $ideal}")); load average $(cut -d' ' -f1 /proc/loadavg)"
