#!/usr/bin/env bash
# Times `flowctl catalog` on 1,000 flows x 3 versions x 10 inputs (every input kind: structs, enums,
# lists, maps, named types with a pattern and with bounds), applied to the local engine so the pages
# carry deployments and history; each run a fresh JVM. Then reports the largest flow page.
# Targets (issue 20): <= 3 s, a flow page <= 100 KB. Needs hyperfine (apt-get install -y hyperfine).
# Usage: bench/catalog/run.sh [runs] [other-flowctl-jar]   (a second jar, beside its lib/, is timed beside
# this checkout's with the launcher's JVM options: A/B)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out/catalog"
runs="${1:-5}"
other="${2:-}"
"$root/flowctl" --version >/dev/null   # builds the jar if needed
spec="$out/1000x3"
if [ ! -f "$spec/.flowctl/state.json" ]; then
  rm -rf "$spec"
  java "$root/bench/plan/GenerateSpec.java" "$spec" 1000 3 10 all-types
  "$root/flowctl" apply -f "$spec/flows.yaml" --auto-approve --no-color > /dev/null
fi
uptime
args=(-n 'catalog 1,000 x 3 x 10' "$root/flowctl catalog -f $spec/flows.yaml --out $out/site --no-color")
[ -n "$other" ] && args=(-n 'catalog 1,000 x 3 x 10, other jar' "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xmn12m -jar $other catalog -f $spec/flows.yaml --out $out/site-other --no-color" "${args[@]}")
hyperfine --warmup 1 --runs "$runs" --export-markdown "$out/results.md" "${args[@]}"
/usr/bin/time -f "one run: %e s wall, %U s user, %S s sys, max RSS %M KB" \
  "$root/flowctl" catalog -f "$spec/flows.yaml" --out "$out/site" --no-color
largest="$(cd "$out/site/flows" && ls -S | sed -n 1p)"
echo "largest flow page: $largest, $(( $(stat -c %s "$out/site/flows/$largest") / 1024 )) KB; index.html $(( $(stat -c %s "$out/site/index.html") / 1024 )) KB"
uptime
