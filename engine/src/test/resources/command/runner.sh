#!/bin/sh
# A tiny run engine for the command engine's run tests: each run is a directory under
# $RUNS/<project>/<environment>/<flow>/<version>/<id>/ with its state and times; BEHAVIOUR says
# whether runs succeed, fail or run until cancelled.
set -eu
action=$1
versions="$RUNS/$FLOWCTL_PROJECT/${FLOWCTL_ENVIRONMENT:-default}/$FLOWCTL_FLOW/$FLOWCTL_VERSION"
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }
# Writes a file whole (a temporary file renamed): status, running meanwhile, never reads it half-written.
put() { cat > "$1.tmp" && mv "$1.tmp" "$1"; }
status() {
  d="$versions/$1"
  [ -d "$d" ] || return 0
  printf '{"run":"%s","state":"%s","startedAt":"%s"' "$1" "$(cat "$d/state")" "$(cat "$d/started")"
  [ -f "$d/stopped" ] && printf ',"stoppedAt":"%s"' "$(cat "$d/stopped")"
  [ -f "$d/error" ] && printf ',"error":"%s"' "$(cat "$d/error")"
  printf '}\n'
}
case "$action" in
run)
  mkdir -p "$versions"
  n=$(ls "$versions" | wc -l | tr -d ' ')
  if [ -n "$FLOWCTL_IDEMPOTENCY_KEY" ]; then id="k$(printf %s "$FLOWCTL_IDEMPOTENCY_KEY" | cksum | cut -d' ' -f1)"; else id="r$n-$$"; fi
  d="$versions/$id"
  if mkdir "$d" 2>/dev/null; then
    echo "$n" > "$d/seq"
    cat > "$d/input"
    now > "$d/started"
    echo RUNNING > "$d/state"
    case "$BEHAVIOUR" in
      succeed) (grep -q fleet_id "$d/input" && now | put "$d/stopped" && echo SUCCEEDED | put "$d/state") </dev/null >/dev/null 2>&1 & ;;
      fail) (now | put "$d/stopped"; echo "no trips for the fleet" | put "$d/error"; echo FAILED | put "$d/state") </dev/null >/dev/null 2>&1 & ;;
      long) (sleep 600 </dev/null >/dev/null 2>&1 & echo $! > "$d/pid") ;;
    esac
  fi
  echo "starting..."
  echo "flowctl-run: $id"
  ;;
status) status "$2" ;;
cancel)
  d="$versions/$2"
  [ -f "$d/pid" ] && kill "$(cat "$d/pid")" 2>/dev/null || true
  now > "$d/stopped"
  echo CANCELLED > "$d/state"
  ;;
runs)
  [ -d "$versions" ] || exit 0
  for d in "$versions"/*; do echo "$(cat "$d/seq") $(basename "$d")"; done | sort -rn | while read -r _ id; do status "$id"; done
  ;;
esac
