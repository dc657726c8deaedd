#!/usr/bin/env bash
# Runs the log writer benchmark: the durable log alone (no HTTP), CPU of its writer thread per event.
# Usage: infra/devbroker/bench/log-writer.sh [--events N] [--rounds R] [--clients C] [--fsync true|false]
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$module/../.." && pwd)"
if [ ! -d "$module/target/test-classes/io/ripple/devbroker/bench" ]; then
  (cd "$root" && mvn -B -q -pl infra/devbroker test-compile)
fi
(cd "$module" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath)
cd "$module"
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.ripple.devbroker.bench.LogWriterBenchmark "$@"
