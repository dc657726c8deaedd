#!/usr/bin/env bash
# Measures commands/s of the event store path on in-memory, SQLite and PostgreSQL.
# Usage (from the repository root): functions/runtime/src/bench/run-store-bench.sh [--commands N --threads T --keys K]
# Starts the throw-away PostgreSQL of .ci/postgres.sh; prints a Markdown table.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
module="$root/functions/runtime"
pg_url="$("$root/.ci/postgres.sh" | tail -n 1)"
cd "$root"
mvn -B -q -pl functions/runtime compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=runtime
cd "$module"
# Java runs the single-file benchmark from source against the compiled runtime.
exec java -Xmx1g -cp "target/classes:$(cat target/bench.classpath)" \
  src/bench/java/io/ripple/runtime/store/bench/StoreBenchmark.java --pg-url "$pg_url" "$@"
