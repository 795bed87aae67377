#!/usr/bin/env bash
# A/B of two commands, run alternately (A, B, A, B, ...) so both see the same drift of a shared box's
# speed, which moves by 15 % over minutes here and makes back-to-back hyperfine rows disagree.
# Prints the mean, median, min and max wall time of each. Usage:
#   bench/ab.sh ROUNDS 'COMMAND A' 'COMMAND B'
# e.g. an older checkout (built with its ./flowctl) against this one:
#   bench/ab.sh 10 '/tmp/before/flowctl plan -f bench/out/plan/1000/flows.yaml' './flowctl plan -f bench/out/plan/1000/flows.yaml'
set -euo pipefail
rounds="$1"; a="$2"; b="$3"
ta=(); tb=()
ms() { local s e; s=$(date +%s%N); bash -c "$1" > /dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
for _ in $(seq "$rounds"); do
  ta+=("$(ms "$a")")
  tb+=("$(ms "$b")")
done
stats() {
  printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1; s += $1}
    END {printf "mean %d ms, median %d ms, min %d, max %d (%d rounds)\n", s / NR, v[int((NR + 1) / 2)], v[1], v[NR], NR}'
}
echo "A: $(stats "${ta[@]}")   $a"
echo "B: $(stats "${tb[@]}")   $b"
uptime
