#!/usr/bin/env bash
# Chain throughput with tracing off and on (100% sampling, exporting to a running Zipkin), in
# one run, through `ripple up` (real broker, real coffee-machine and barista functions):
#   infra/observability/bench/tracing-cost.sh [chains] [concurrency] [rounds]
# Prints chains/s per mode and round, the best of each mode and the cost of tracing in %.
# Loopback only; stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/../../.."
CHAINS="${1:-2000}"
CONCURRENCY="${2:-16}"
ROUNDS="${3:-2}"
PORT="${RIPPLE_BENCH_PORT:-18480}"
ZIPKIN_PORT="${RIPPLE_BENCH_ZIPKIN_PORT:-19480}"
# One warm coffee-machine: every chain is a new machine, so no actor is a hot key and the figure
# is the path (broker ingress, delivery, the actor's five steps, publish, ingress again).
MANIFESTS=infra/observability/bench/manifests
CLI=infra/cli/target/ripple-cli.jar
for jar in "$CLI" infra/devbroker/target/quarkus-app/quarkus-run.jar functions/coffee-machine/target/quarkus-app/quarkus-run.jar; do
  [[ -f "$jar" ]] || { echo "not built: $jar (mvn -B install -DskipTests)" >&2; exit 2; }
done
WORK=$(mktemp -d)
UP=""
stop_up() {
  if [[ -n "$UP" ]]; then
    kill -TERM "$UP" 2>/dev/null || true
    wait "$UP" 2>/dev/null || true
    UP=""
  fi
}
trap 'stop_up; rm -rf "$WORK"' EXIT

run_mode() { # mode round
  local mode=$1 round=$2 dir="$WORK/$1-$2" flags=()
  mkdir -p "$dir"
  [[ "$mode" == on ]] && flags=(--tracing --zipkin-port "$ZIPKIN_PORT")
  java -jar "$CLI" up "${flags[@]}" --port "$PORT" --manifests "$MANIFESTS" --data-dir "$dir" > "$dir/up.out" 2>&1 &
  UP=$!
  for _ in $(seq 1 900); do
    grep -q "coffee-machine .*ready" "$dir/up.out" && break
    kill -0 "$UP" 2>/dev/null || { cat "$dir/up.out" >&2; exit 1; }
    sleep 0.2
  done
  local broker="http://127.0.0.1:$PORT/ripple/default"
  python3 infra/observability/bench/chain-load.py "$broker" 300 "$CONCURRENCY" "warm-up" > /dev/null
  python3 infra/observability/bench/chain-load.py "$broker" "$CHAINS" "$CONCURRENCY" "tracing $mode, round $round" \
    | tee -a "$WORK/results"
  stop_up
}

echo "# $CHAINS chains (ripple-style emit → broker → coffee-machine → initialization-completed → broker)," \
  "$CONCURRENCY concurrent producers, $ROUNDS round(s) per mode, modes alternating"
for round in $(seq 1 "$ROUNDS"); do
  run_mode off "$round"
  run_mode on "$round"
done
python3 - "$WORK/results" <<'PY'
import re, sys
best = {}
for line in open(sys.argv[1]):
    m = re.match(r"tracing (on|off), round \d+: \d+ chains in [\d.]+ s = (\d+) chains/s", line)
    if m:
        best[m.group(1)] = max(best.get(m.group(1), 0), int(m.group(2)))
off, on = best["off"], best["on"]
print("best: tracing off %d chains/s, tracing on %d chains/s: cost %.1f %% (goal <= 15 %%)"
      % (off, on, 100.0 * (off - on) / off))
PY
