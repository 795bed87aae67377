#!/usr/bin/env bash
# Times `flowctl codegen` on a synthetic spec of 1,000 flows x 3 versions x 20 inputs (3,000 flow
# versions; the inputs cycle through every kind codegen renders: enum, list, map, struct, timestamp,
# constrained named types...). Each run a fresh JVM, as a build or CI runs it: from nothing (no
# generated files, no flows.lock), a re-run with no change (0 files written) and `codegen --check`,
# next to `java -version`. Then the same three in one warm JVM (the Maven plugin under a long-lived
# Maven), and max RSS with -Xmx256m. Needs hyperfine (apt-get install -y hyperfine).
# Usage: bench/codegen/run.sh [runs]   (writes only under bench/out/codegen/)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out/codegen"
runs="${1:-5}"
spec="$out/spec"
gen="$spec/generated"
lock="$spec/flows.lock"
"$root/flowctl" --version >/dev/null   # builds the jar if needed
[ -f "$spec/flows.yaml" ] || java "$root/bench/plan/GenerateSpec.java" "$spec" 1000 3 19 all-types   # 19 + the enum `mode`
codegen="$root/flowctl codegen -f $spec/flows.yaml --no-color"

echo "== date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; $(uptime)"
"$root/flowctl" validate -f "$spec/flows.yaml" --no-color
echo
echo "== One run of each, for the counts"
rm -rf "$gen" "$lock"
$codegen
$codegen
$codegen --check
echo "flows.lock: $(wc -c < "$lock") bytes, $(wc -l < "$lock") lines; generated: $(find "$gen" -type f | wc -l) files, $(du -sk "$gen" | cut -f1) KB"
echo

hyperfine --warmup 1 --runs "$runs" --export-markdown "$out/results.md" \
  -n 'java -version' --prepare 'true' 'java -version' \
  -n 'codegen from nothing' --prepare "rm -f $lock; mkdir -p $out/trash; [ ! -d $gen ] || mv $gen $out/trash/\$(date +%s%N)" "$codegen" \
  -n 'codegen, no change (0 written)' --prepare 'true' "$codegen" \
  -n 'codegen --check' --prepare 'true' "$codegen --check"
echo

rm -rf "$out/trash"   # the earlier trees, moved aside rather than deleted before each run (see README: round 3)
echo "== Warm JVM (in-process, as the Maven plugin runs)"
java -cp "$root/cli/target/flowctl.jar" "$root/bench/codegen/WarmCodegen.java" "$spec/flows.yaml" "$out/warm" "$runs" 3
echo

echo "== Max RSS with -Xmx256m (the launcher's other options unchanged)"
opts="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xmn12m"
rm -rf "$gen" "$lock"
FLOWCTL_JAVA_OPTS="$opts" /usr/bin/time -f "from nothing: max RSS %M KB, %e s" $codegen > /dev/null
FLOWCTL_JAVA_OPTS="$opts" /usr/bin/time -f "no change:    max RSS %M KB, %e s" $codegen > /dev/null
FLOWCTL_JAVA_OPTS="$opts" /usr/bin/time -f "--check:      max RSS %M KB, %e s" $codegen --check > /dev/null
echo "== Max RSS with the launcher's defaults (no -Xmx)"
rm -rf "$gen" "$lock"
/usr/bin/time -f "from nothing: max RSS %M KB, %e s" $codegen > /dev/null
echo "== end: $(date -u '+%H:%M UTC'); $(uptime)"
