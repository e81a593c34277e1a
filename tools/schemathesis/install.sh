#!/usr/bin/env bash
# Installs the pinned schemathesis (schema-driven HTTP fuzzer, from PyPI) into a virtualenv in the
# tools cache and prints the path of its `st` command.
set -euo pipefail
VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
CACHE="${EVENTING_TOOLS_CACHE:-$HOME/.cache/eventing-tools}"
VENV="$CACHE/schemathesis-$VERSION"
if [ ! -x "$VENV/bin/st" ]; then
  command -v python3 >/dev/null || { echo "python3 is required for schemathesis" >&2; exit 1; }
  echo "installing schemathesis $VERSION into $VENV (once per machine)" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet "schemathesis==$VERSION" >&2
fi
echo "$VENV/bin/st"
