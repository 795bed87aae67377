#!/bin/sh
# A command engine whose run command is slow until the test lets it finish: each run records that the
# engine was asked to start it (a line in $STARTS), then waits until the file $GATE exists.
set -eu
case "$1" in
deploy) echo "flowctl-ref: $FLOWCTL_FLOW-$FLOWCTL_VERSION" ;;
delete) ;;
run)
  id="k$(printf %s "$FLOWCTL_IDEMPOTENCY_KEY" | cksum | cut -d' ' -f1)"
  echo "$id" >> "$STARTS"
  while [ ! -f "$GATE" ]; do sleep 0.05; done
  echo "flowctl-run: $id"
  ;;
esac
