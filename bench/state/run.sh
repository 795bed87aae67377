#!/usr/bin/env bash
# State benchmark: apply of 200 changes and plan against a 3,000-version state, on S3Proxy.
# Usage: bench/state/run.sh   (from anywhere; builds what it needs, writes nothing outside bench/out/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl cli -am package -DskipTests
# -am: state-backend's own modules come from this checkout (a fresh machine has none in ~/.m2); it is the
# last module of that reactor, so its class path is the one left in the file.
"$root/mvnw" -q -B -f "$root/pom.xml" -pl state-backend -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$out/state-test-classpath.txt"
cp="$root/cli/target/flowctl.jar:$root/cli/target/lib/*:$root/state-backend/target/test-classes:$(cat "$out/state-test-classpath.txt")"
"$root/flowctl" --version > /dev/null   # the launcher the bench runs, built and with its class-data archive
java -cp "$cp" "$root/bench/state/StateBench.java" "$root/flowctl" 2>&1 | tee "$out/state-bench.txt"
