#!/usr/bin/env bash
# Builds the real Kubernetes control plane the tests run against (etcd, kube-apiserver and, when
# K8S_TESTENV_CONTROLLER_MANAGER=1, kube-controller-manager) from the Go modules pinned in this
# folder's go.mod, into a cache outside the repository keyed by go.mod and go.sum, once per
# machine. Prints the cache directory on its last stdout line (everything else goes to stderr).
# See SPEC section 11 and docs/adr/0004-kubernetes-test-environment.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${EVENTING_TOOLS_CACHE:-$HOME/.cache/eventing-tools}"
KEY=$(cat "$HERE/go.mod" "$HERE/go.sum" | sha256sum | cut -c1-16)
OUT="$CACHE/k8s-$KEY"
# The release the binaries report (component-base/version is stamped by ldflags in kubernetes'
# own build; without it the server calls itself v0.0.0-master, which breaks kubeVersion checks).
K8S_VERSION=$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v1\./ { print $2; exit }' "$HERE/go.mod")

tools=(etcd kube-apiserver)
[ "${K8S_TESTENV_CONTROLLER_MANAGER:-0}" = "1" ] && tools+=(kube-controller-manager)

missing=()
for t in "${tools[@]}"; do [ -x "$OUT/$t" ] || missing+=("$t"); done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v go >/dev/null || { echo "go is required to build ${missing[*]}" >&2; exit 1; }
  mkdir -p "$OUT"
  # Two jest runs (or a jest run and run-all.sh) may start at once: build under a lock.
  exec 9>"$OUT.lock"
  flock 9
  start=$(date +%s)
  minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
  ldflags="-s -w"
  for v in gitVersion="$K8S_VERSION" gitMajor=1 gitMinor="$minor" gitTreeState=clean \
           buildDate="$(date -u +%Y-%m-%dT%H:%M:%SZ)"; do
    ldflags+=" -X k8s.io/component-base/version.$v"
  done
  declare -A pkg=(
    [etcd]=go.etcd.io/etcd/server/v3
    [kube-apiserver]=k8s.io/kubernetes/cmd/kube-apiserver
    [kube-controller-manager]=k8s.io/kubernetes/cmd/kube-controller-manager
  )
  built=()
  for t in "${missing[@]}"; do
    [ -x "$OUT/$t" ] && continue # built by the run that held the lock before us
    echo "building $t (${pkg[$t]}, kubernetes $K8S_VERSION) into $OUT (once per machine)" >&2
    t0=$(date +%s)
    (cd "$HERE" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$OUT/$t.tmp" "${pkg[$t]}") >&2
    mv "$OUT/$t.tmp" "$OUT/$t"
    echo "built $t in $(( $(date +%s) - t0 ))s" >&2
    built+=("$t")
  done
  if [ "${#built[@]}" -gt 0 ]; then
    secs=$(( $(date +%s) - start ))
    echo "built ${built[*]} in ${secs}s" >&2
    echo "$(date -u +%FT%TZ) built ${built[*]} in ${secs}s with $(go version | cut -d' ' -f3) on $(nproc) cores" >>"$OUT/build-times.log"
  fi
  flock -u 9
fi
echo "$OUT"
