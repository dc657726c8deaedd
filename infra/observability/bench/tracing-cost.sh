#!/usr/bin/env bash
# Chain throughput with tracing off and on (100% sampling, exporting to a running Zipkin), in
# one run, through `ripple up` (real broker, real coffee-machine and barista functions):
#   infra/observability/bench/tracing-cost.sh [chains] [concurrency] [rounds] [warm-up chains]
# Prints chains/s per mode and round, the best of each mode and the cost of tracing in %, and the
# CPU time per chain of each process (CLI with the Serving emulator, broker, function, Zipkin):
# on two cores the Zipkin server ingesting every span competes with Ripple for the same CPU.
# A chain that ends in the dead letters makes the run fail (chain-load.py): throughput of failing
# chains is not throughput.
# Loopback only; stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/../../.."
CHAINS="${1:-2000}"
CONCURRENCY="${2:-16}"
ROUNDS="${3:-2}"
# A fresh `ripple up` spends its first thousands of chains compiling (C2): warm up past that.
WARMUP="${4:-3000}"
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

cpu_ms() { # user + system CPU of a process in ms (USER_HZ 100)
  awk '{print ($14 + $15) * 10}' "/proc/$1/stat" 2>/dev/null || echo 0
}
descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do echo "$child"; descendants "$child"; done
}
java_only() { # the JVMs among the pids read (not the shell that launches Zipkin)
  local pid
  while read -r pid; do [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]] && echo "$pid"; done
  return 0
}
role() {
  case "$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null)" in
    *ripple-cli.jar*) echo "cli+serving" ;;
    *devbroker*) echo "broker" ;;
    *zipkin*) echo "zipkin" ;;
    *coffee-machine*) echo "coffee-machine" ;;
    *) echo "pid-$1" ;;
  esac
}
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
  python3 infra/observability/bench/chain-load.py "$broker" "$WARMUP" "$CONCURRENCY" "warm-up" > /dev/null
  local pids=("$UP" $(descendants "$UP" | java_only)) before=()
  for pid in "${pids[@]}"; do before+=("$(cpu_ms "$pid")"); done
  python3 infra/observability/bench/chain-load.py "$broker" "$CHAINS" "$CONCURRENCY" "tracing $mode, round $round" \
    | tee -a "$WORK/results"
  local line="  CPU per chain:" i
  for i in "${!pids[@]}"; do
    line+=" $(role "${pids[$i]}") $(( ($(cpu_ms "${pids[$i]}") - ${before[$i]}) * 1000 / CHAINS )) us"
  done
  echo "$line"
  stop_up
}

echo "# $CHAINS chains after $WARMUP warm-up chains (ripple-style emit → broker → coffee-machine → initialization-completed → broker)," \
  "$CONCURRENCY concurrent producers, $ROUNDS round(s) per mode, modes alternating"
for round in $(seq 1 "$ROUNDS"); do
  run_mode off "$round"
  run_mode on "$round"
done
python3 - "$WORK/results" <<'PY'
import re, statistics, sys
rates = {"off": [], "on": []}
for line in open(sys.argv[1]):
    m = re.match(r"tracing (on|off), round \d+: \d+ chains in [\d.]+ s = (\d+) chains/s", line)
    if m:
        rates[m.group(1)].append(int(m.group(2)))
for name, pick in (("best", max), ("median", statistics.median)):
    off, on = pick(rates["off"]), pick(rates["on"])
    print("%s: tracing off %d chains/s, tracing on %d chains/s: cost %.1f %% (goal <= 15 %%)"
          % (name, off, on, 100.0 * (off - on) / off))
PY
