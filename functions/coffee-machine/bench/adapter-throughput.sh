#!/usr/bin/env bash
# Commands/s through the full adapter path of the coffee-machine function (HTTP CloudEvent →
# Funqy → decode → load → decide → append → publish), with the in-memory event store and the
# in-memory connector, so the figure is the runtime's own cost. Loopback only, bounded in time.
#   functions/coffee-machine/bench/adapter-throughput.sh [seconds] [connections]
# Environment: JAVA (default: java on the PATH) and JAVA_OPTS (default: -Xmx1g) choose the JVM and
# its options, e.g. ripple up's (`./ripple up --help`) to see how a new instance warms up under load.
set -euo pipefail
cd "$(dirname "$0")/../../.."
SECONDS_PER_RUN="${1:-15}"
CONNECTIONS="${2:-32}"
PORT="${RIPPLE_BENCH_PORT:-18181}"
JAR=functions/coffee-machine/target/quarkus-app/quarkus-run.jar

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
[[ -f "$JAR" ]] || mvn -B -q -DskipTests install -pl functions/coffee-machine -am

# shellcheck disable=SC2086 # JAVA_OPTS holds several options
"${JAVA:-java}" ${JAVA_OPTS:--Xmx1g} -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN \
  -Dmp.messaging.outgoing.ripple-events.connector=smallrye-in-memory \
  -jar "$JAR" > /tmp/ripple-adapter-bench.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.1
done

LUA=functions/coffee-machine/bench/unique-commands.lua
echo "# warm-up: the first 10 s of load on the fresh process (not counted below)"
wrk -t2 -c"$CONNECTIONS" -d10s -s "$LUA" "http://127.0.0.1:$PORT/" | tail -n 1
echo "# many keys: every command initializes a new machine ($CONNECTIONS connections, ${SECONDS_PER_RUN}s)"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$LUA" "http://127.0.0.1:$PORT/" | tail -n 1
echo "# one hot key: every command goes to the same machine"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$LUA" "http://127.0.0.1:$PORT/" -- hot | tail -n 1
