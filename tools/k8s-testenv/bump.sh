#!/usr/bin/env bash
# Pins this wrapper module to a kubernetes release: rewrites go.mod from that release's own
# go.mod (its go version, one replace per staging module via gen-replaces.sh, and the etcd
# server version it requires), then resolves go.sum. build.sh's cache key follows go.mod and
# go.sum, so every machine rebuilds once. Usage: bump.sh v1.37.2 (see ADR 0004).
set -euo pipefail
VERSION="${1:?kubernetes release, e.g. v1.37.2}"
cd "$(dirname "${BASH_SOURCE[0]}")"
GOMOD=$(go mod download -json "k8s.io/kubernetes@$VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
GO_VERSION=$(awk '$1 == "go" { print $2; exit }' "$GOMOD")
ETCD=$(awk '$1 == "go.etcd.io/etcd/server/v3" { print $2; exit }' "$GOMOD")
[ -n "$ETCD" ] || { echo "k8s.io/kubernetes@$VERSION names no go.etcd.io/etcd/server/v3" >&2; exit 1; }
{ printf 'module eventing.local/tools/k8s-testenv\n\ngo %s\n\n' "$GO_VERSION"; ./gen-replaces.sh "$VERSION"; } > go.mod
rm -f go.sum
go get -tool "k8s.io/kubernetes/cmd/kube-apiserver@$VERSION" "k8s.io/kubernetes/cmd/kube-controller-manager@$VERSION" \
  "go.etcd.io/etcd/server/v3@$ETCD" >&2
go mod tidy >&2
echo "pinned k8s.io/kubernetes $VERSION with etcd $ETCD (go $GO_VERSION)"
