#!/usr/bin/env bash
# Builds the pinned nats-server from its Go module into a cache outside the repository and
# prints the binary's path. A nats-server on PATH of at least the pinned minor is used as is
# when NATS_SERVER_USE_PATH=1. See SPEC section 11.
set -euo pipefail
VERSION="${NATS_SERVER_VERSION:-v2.15.3}"
CACHE="${EVENTING_TOOLS_CACHE:-$HOME/.cache/eventing-tools}"
OUT="$CACHE/nats-server-$VERSION/nats-server"
if [ "${NATS_SERVER_USE_PATH:-0}" = "1" ] && command -v nats-server >/dev/null; then
  command -v nats-server; exit 0
fi
if [ ! -x "$OUT" ]; then
  command -v go >/dev/null || { echo "go is required to build nats-server $VERSION" >&2; exit 1; }
  start=$(date +%s)
  echo "building nats-server $VERSION into $OUT (once per machine)" >&2
  tmp=$(mktemp -d)
  GOBIN="$tmp" CGO_ENABLED=0 go install "github.com/nats-io/nats-server/v2@$VERSION" >&2
  mkdir -p "$(dirname "$OUT")"
  mv "$tmp/nats-server" "$OUT"
  rm -rf "$tmp"
  echo "built nats-server $VERSION in $(( $(date +%s) - start ))s" >&2
fi
echo "$OUT"
