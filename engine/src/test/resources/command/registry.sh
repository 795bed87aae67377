#!/bin/sh
# A tiny "flow engine" for tests: deployments are JSON files under $REGISTRY/<project>/ (env-<environment>/ for a named one).
# usage: registry.sh deploy|delete|list [args]; flowctl passes FLOWCTL_* in the environment.
set -eu
dir="$REGISTRY/${FLOWCTL_PROJECT:-}${FLOWCTL_ENVIRONMENT:+/env-$FLOWCTL_ENVIRONMENT}"
case "$1" in
  deploy)
    [ -n "${SLOW_MS:-}" ] && sleep "$(awk "BEGIN{print ${SLOW_MS}/1000}")"
    # A flow fails when FAIL_FLOW names it or a file $REGISTRY/fail-<flow> exists.
    if { [ -n "${FAIL_FLOW:-}" ] && [ "$FLOWCTL_FLOW" = "$FAIL_FLOW" ]; } || [ -e "$REGISTRY/fail-$FLOWCTL_FLOW" ]; then
      echo "deploying $FLOWCTL_FLOW@$FLOWCTL_VERSION"; echo "boom: $FLOWCTL_FLOW is broken" >&2; exit 3
    fi
    mkdir -p "$dir"
    printf '{"flow":"%s","version":"%s","ref":"%s","sourceHash":"%s","definitionHash":"%s","engineSettingsHash":"%s","source":"%s","action":"%s","inputs":%s}\n' \
      "$FLOWCTL_FLOW" "$FLOWCTL_VERSION" "$FLOWCTL_NAME" "$FLOWCTL_SOURCE_HASH" "$FLOWCTL_DEFINITION_HASH" "$FLOWCTL_SETTINGS_HASH" "$2" \
      "$FLOWCTL_ACTION" "$FLOWCTL_INPUTS" > "$dir/$FLOWCTL_FLOW@$FLOWCTL_VERSION.json.tmp"
    mv "$dir/$FLOWCTL_FLOW@$FLOWCTL_VERSION.json.tmp" "$dir/$FLOWCTL_FLOW@$FLOWCTL_VERSION.json"
    echo "flowctl-ref: $FLOWCTL_NAME"
    ;;
  delete)
    rm -f "$dir/$FLOWCTL_FLOW@$FLOWCTL_VERSION.json"
    ;;
  list)
    dir="$REGISTRY/$2${3:+/env-$3}"
    [ -d "$dir" ] || exit 0
    for f in "$dir"/*.json; do [ -e "$f" ] && cat "$f"; done
    exit 0
    ;;
esac
