#!/usr/bin/env bash
# Fetches the pinned Zipkin server (tracing backend with a UI, SPEC section 11) from Maven Central
# into the local Maven repository and prints the jar's path. Needs Java 17+ and Maven.
set -euo pipefail
VERSION="${ZIPKIN_VERSION:-3.5.1}"
JAR="$HOME/.m2/repository/io/zipkin/zipkin-server/$VERSION/zipkin-server-$VERSION-exec.jar"
if [ ! -f "$JAR" ]; then
  command -v mvn >/dev/null || { echo "mvn is required to fetch zipkin-server $VERSION" >&2; exit 1; }
  echo "fetching zipkin-server $VERSION from Maven Central (once per machine)" >&2
  mvn -q dependency:get -Dartifact="io.zipkin:zipkin-server:$VERSION:jar:exec" -Dtransitive=false >&2
fi
echo "$JAR"
