#!/usr/bin/env bash
# Runs a local Zipkin server for following a Ripple chain on one machine:
#   infra/observability/zipkin/run-zipkin.sh [port]        (default port 9411)
#
# - Resolves io.zipkin:zipkin-server:3.6.1:jar:exec from Maven Central into the local Maven
#   repository (~/.m2/repository, or $RIPPLE_M2_REPO) with `mvn dependency:get`, once;
#   nothing else is downloaded.
# - Binds to 127.0.0.1 only, keeps spans in memory (lost when it stops).
# - Prints the UI/API URL once the server accepts connections.
# - Stops cleanly on SIGTERM or Ctrl-C (exit status 0), forwarding the signal to the JVM.
#
# Environment: JAVA (default: java on PATH), JAVA_OPTS (default: -Xmx256m),
# RIPPLE_M2_REPO (local repository), ZIPKIN_START_TIMEOUT seconds (default 120).
set -euo pipefail

ZIPKIN_VERSION=3.6.1
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

port="${1:-9411}"
if [[ ! "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
  echo "run-zipkin.sh: port must be a number from 1 to 65535, got '$port'" >&2
  exit 2
fi

repo="${RIPPLE_M2_REPO:-$HOME/.m2/repository}"
jar="$repo/io/zipkin/zipkin-server/$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar"
if [[ ! -f "$jar" ]]; then
  echo "run-zipkin.sh: resolving io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec into $repo" >&2
  mvn -B -q "$DEPENDENCY_PLUGIN:get" -Dmaven.repo.local="$repo" \
    -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" -Dtransitive=false >&2
fi
if [[ ! -f "$jar" ]]; then
  echo "run-zipkin.sh: $jar is missing after resolution" >&2
  exit 1
fi

# Zipkin serves UI, API and collectors on Armeria. Overriding one element of armeria.ports
# replaces the whole list (Spring Boot binding), so port, address and protocol go together.
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
"${JAVA:-java}" ${JAVA_OPTS:--Xmx256m} -jar "$jar" \
  --armeria.ports[0].ip=127.0.0.1 \
  --armeria.ports[0].port="$port" \
  --armeria.ports[0].protocols[0]=http \
  --zipkin.storage.type=mem \
  --zipkin.self-tracing.enabled=false \
  --spring.main.banner-mode=off &
zipkin=$!

stopping=""
stop() {
  stopping=yes
  kill -TERM "$zipkin" 2>/dev/null || true
}
trap stop TERM INT

# Wait until the port accepts connections (or the JVM exits), then tell the user.
deadline=$(( SECONDS + ${ZIPKIN_START_TIMEOUT:-120} ))
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  if [[ -n "$stopping" ]] || ! kill -0 "$zipkin" 2>/dev/null; then
    break
  fi
  if (( SECONDS >= deadline )); then
    echo "run-zipkin.sh: Zipkin did not open port $port in time; stopping it" >&2
    stop
    break
  fi
  sleep 0.2
done
if [[ -z "$stopping" ]] && kill -0 "$zipkin" 2>/dev/null; then
  echo "Zipkin is up: UI http://127.0.0.1:$port/zipkin/  spans endpoint http://127.0.0.1:$port/api/v2/spans"
fi

# `wait` returns early when a trapped signal arrives; wait again for the JVM's real exit.
status=0
while :; do
  wait "$zipkin" && status=0 || status=$?
  kill -0 "$zipkin" 2>/dev/null || break
done
if [[ -n "$stopping" ]]; then
  # The JVM exits 143 (128 + SIGTERM) after its shutdown hooks ran: that is a clean stop.
  (( status == 143 || status == 0 )) && exit 0
fi
exit "$status"
