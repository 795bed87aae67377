#!/usr/bin/env bash
# Times `flowctl plan` on synthetic specs of 1,000 x 3 x 10 and 10,000 x 3 x 10 (flows x versions x
# inputs), each run a fresh JVM, next to `java -version`; plus the everyday CI case, a plan with no
# changes against the state of 1,000 x 3 x 10 applied to the local engine. Then checks the larger
# spec fits -Xmx256m. Needs hyperfine (apt-get install -y hyperfine). Usage: bench/plan/run.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out/plan"
runs="${1:-10}"
"$root/flowctl" --version >/dev/null   # builds the jar if needed
for size in 1000 10000; do
  [ -f "$out/$size/flows.yaml" ] || java "$root/bench/plan/GenerateSpec.java" "$out/$size" "$size" 3 10
done
applied="$out/1000-applied"
if [ ! -f "$applied/.flowctl/state.json" ]; then
  rm -rf "$applied" && cp -r "$out/1000" "$applied"
  "$root/flowctl" apply -f "$applied/flows.yaml" --auto-approve --no-color > /dev/null
fi
hyperfine --warmup 1 --runs "$runs" --export-markdown "$out/results.md" \
  -n 'java -version' 'java -version' \
  -n 'plan 1,000 x 3 x 10' "$root/flowctl plan -f $out/1000/flows.yaml --no-color" \
  -n 'plan 1,000 x 3 x 10, applied, no changes' "$root/flowctl plan -f $applied/flows.yaml --no-color" \
  -n 'plan 10,000 x 3 x 10' "$root/flowctl plan -f $out/10000/flows.yaml --no-color"
echo
echo "Heap check: plan 10,000 x 3 x 10 with -Xmx256m (the launcher's other options unchanged)"
FLOWCTL_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xmn12m" \
  /usr/bin/time -f "max RSS %M KB, %e s" "$root/flowctl" plan -f "$out/10000/flows.yaml" --no-color > /dev/null
