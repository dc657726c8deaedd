#!/usr/bin/env bash
# Runs the devbroker benchmark (raw loopback vs. through the broker, latency at a fixed rate).
# Usage: infra/devbroker/bench/run.sh [--events N] [--rounds R] [--concurrency C] [--rate R] [--seconds S]
#                                     [--fsync true|false] [--compare-jdk-client]
# Loopback only; every phase is bounded by its event count and a 3-minute deadline.
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$module/../.." && pwd)"
if [ ! -f "$module/target/quarkus-app/quarkus-run.jar" ] || [ ! -d "$module/target/test-classes/io/ripple/devbroker/bench" ]; then
  (cd "$root" && mvn -B -q -pl infra/devbroker package -DskipTests)
fi
(cd "$module" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath)
cd "$module"
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.ripple.devbroker.bench.BrokerBenchmark "$@"
