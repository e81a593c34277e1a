#!/usr/bin/env bash
# Builds the pinned helm from its Go module (helm.sh/helm/v4, built with its own go.mod and
# go.sum, which pin k8s.io/* v0.37 like our test API server) into a cache outside the
# repository, once per machine, and prints the binary's path on its last stdout line.
# See SPEC section 11 and docs/kubernetes-test-environment.md.
set -euo pipefail
VERSION="${HELM_VERSION:-v4.3.2}"
CACHE="${EVENTING_TOOLS_CACHE:-$HOME/.cache/eventing-tools}"
OUT="$CACHE/helm-$VERSION/helm"
if [ ! -x "$OUT" ]; then
  command -v go >/dev/null || { echo "go is required to build helm $VERSION" >&2; exit 1; }
  mkdir -p "$(dirname "$OUT")"
  exec 9>"$OUT.lock"
  flock 9
  if [ ! -x "$OUT" ]; then
    start=$(date +%s)
    echo "building helm $VERSION into $OUT (once per machine)" >&2
    tmp=$(mktemp -d)
    # Stamp the version as helm's own Makefile does, so `helm version` tells the pin.
    GOBIN="$tmp" CGO_ENABLED=0 go install -trimpath \
      -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$VERSION" \
      "helm.sh/helm/v4/cmd/helm@$VERSION" >&2
    mv "$tmp/helm" "$OUT"
    rm -rf "$tmp"
    echo "built helm $VERSION in $(( $(date +%s) - start ))s" >&2
  fi
  flock -u 9
fi
echo "$OUT"
