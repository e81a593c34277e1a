#!/usr/bin/env bash
# The one command that runs every test (README "Run every test"; .ci/run calls it).
# Builds the real components the tests need (cached outside the repository), then type-checks,
# lints, builds the apps and runs unit, integration and e2e tests in one jest run.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "== real components (built once per machine, cached)"
bash tools/nats-server/build.sh
bash tools/schemathesis/install.sh
bash tools/k8s-testenv/build.sh
bash tools/helm/build.sh
echo "== typecheck"; npm run -s typecheck
echo "== lint"; npm run -s lint
echo "== build"; npm run -s build
echo "== tests"
results="$(mktemp -d)/jest-results.json"
status=0
npm run -s jest -- --ci --json --outputFile="$results" "$@" || status=$?
# One plain closing line for any reader of the log: "N passed, N failed".
if [ -f "$results" ]; then
  node -e 'const r = require(process.argv[1]); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`)' "$results"
fi
exit "$status"
