#!/usr/bin/env bash
# Starts the whole system locally (SPEC section 9): a NATS server with JetStream (file storage
# under .local/), the subscription controller reading examples/subscriptions, the dispatcher,
# the publisher proxy and an example sink. Ctrl-C stops everything.
# `npm start -- --with-tracing` also starts Zipkin (tracing UI) and sends every app's spans to it.
set -euo pipefail
WITH_TRACING=0
for arg in "$@"; do
  case "$arg" in
    --with-tracing) WITH_TRACING=1 ;;
    *) echo "unknown option: $arg (known: --with-tracing)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/../.."
ROOT=$PWD
STATE="${EVENTING_LOCAL_DIR:-$ROOT/.local}"
NATS_PORT="${NATS_PORT:-4222}"
PROXY_PORT="${PROXY_PORT:-8080}"
SINK_PORT="${SINK_PORT:-3000}"
SUBSCRIPTIONS_DIR="${SUBSCRIPTIONS_DIR:-$ROOT/examples/subscriptions}"
mkdir -p "$STATE/nats" "$STATE/logs"

NATS_BIN=$(bash tools/nats-server/build.sh)
npm run -s build

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo "stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

wait_port() { # port name
  for _ in $(seq 1 600); do
    if (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$2 did not start; see $STATE/logs/$2.log" >&2
  exit 1
}

start() { # name port command...
  local name=$1 port=$2; shift 2
  "$@" >"$STATE/logs/$name.log" 2>&1 &
  pids+=($!)
  [ "$port" = "-" ] || wait_port "$port" "$name"
  echo "started $name (log: $STATE/logs/$name.log)"
}

start nats "$NATS_PORT" "$NATS_BIN" -js -a 127.0.0.1 -p "$NATS_PORT" -sd "$STATE/nats"
export NATS_URL="nats://127.0.0.1:$NATS_PORT" BIND_ADDRESS=127.0.0.1
if [ "$WITH_TRACING" = 1 ]; then
  ZIPKIN_JAR=$(bash tools/zipkin/fetch.sh)
  start zipkin 9411 java -jar "$ZIPKIN_JAR" --server.port=9411 --server.address=127.0.0.1
  export OTEL_EXPORTER_ZIPKIN_ENDPOINT=http://127.0.0.1:9411/api/v2/spans ZIPKIN_ENDPOINT=http://127.0.0.1:9411/api/v2/spans
fi
start example-sink "$SINK_PORT" env PORT="$SINK_PORT" node tools/local/example-sink.mjs
start subscription-controller 8081 env SUBSCRIPTIONS_DIR="$SUBSCRIPTIONS_DIR" SINK_POLICY=any-http HEALTH_PORT=8081 METRICS_PORT=8082 STATUS_PORT=8083 \
  node dist/apps/subscription-controller/main.js
start dispatcher 8091 env HEALTH_PORT=8091 METRICS_PORT=8092 node dist/apps/dispatcher/main.js
start publisher-proxy "$PROXY_PORT" env INGRESS_PORT="$PROXY_PORT" METRICS_PORT=9090 node dist/apps/publisher-proxy/main.js

cat <<MSG

The local system is running. Publish an event:

  curl -i -X POST http://127.0.0.1:$PROXY_PORT/publish \\
    -H 'ce-specversion: 1.0' -H 'ce-id: 1' -H 'ce-source: myapp' -H 'ce-type: order.created.v1' \\
    -H 'content-type: application/json' -d '{"orderId": 42}'

  curl -i -X POST http://127.0.0.1:$PROXY_PORT/myapp/v1/events -H 'content-type: application/json' \\
    -d '{"event-type":"order.created","event-type-version":"v1","event-time":"2026-01-01T00:00:00Z","data":{"orderId":42}}'

The example sink prints what it receives (tail -f $STATE/logs/example-sink.log).
Subscription status: curl http://127.0.0.1:8083/subscriptions
Subscriptions are read from $SUBSCRIPTIONS_DIR (edit or add YAML files; they are watched).
$( [ "$WITH_TRACING" = 1 ] && echo "Traces: http://127.0.0.1:9411/zipkin/ (send a traceparent header to follow your own trace)." )
Press Ctrl-C to stop.
MSG
tail -n +1 -F "$STATE/logs/example-sink.log" &
pids+=($!)
wait -n "${pids[@]}" || true
echo "a component exited; see $STATE/logs" >&2
