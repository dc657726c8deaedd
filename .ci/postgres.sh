#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for Ripple's event-store tests and benchmarks.
#
# Idempotent: installs PostgreSQL with apt when no server binaries are present, creates a
# cluster under $RIPPLE_PG_DIR (default /tmp/ripple-postgres) on first use, starts it on
# 127.0.0.1:$RIPPLE_PG_PORT (default 55432) unless it already runs, and creates the role
# and database `ripple` (password `ripple`). Durable commits stay on (fsync,
# synchronous_commit): benchmark figures must mean what they say.
#
# Exports nothing; prints the JDBC URL as its last line. Tests read it from
# RIPPLE_TEST_PG_URL, whose default is that same URL:
#   export RIPPLE_TEST_PG_URL="$(.ci/postgres.sh | tail -n 1)"
# Stop it with: .ci/postgres.sh stop
set -euo pipefail

PG_DIR="${RIPPLE_PG_DIR:-/tmp/ripple-postgres}"
PG_PORT="${RIPPLE_PG_PORT:-55432}"
DATA="$PG_DIR/data"
SOCKETS="$PG_DIR/sockets"
LOG="$PG_DIR/server.log"

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  # The newest installed major version, e.g. /usr/lib/postgresql/15/bin.
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

PG_BIN="$(find_bin)"
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
  log "installing postgresql with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  PG_BIN="$(find_bin)"
fi

# The server refuses to run as root: run it as the postgres OS user when we are root.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ "${1:-}" == "stop" ]]; then
  if [[ -f "$DATA/postmaster.pid" ]]; then
    as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
  fi
  exit 0
fi

mkdir -p "$PG_DIR" "$SOCKETS"
if [[ "$(id -u)" == 0 ]]; then
  chown postgres: "$PG_DIR" "$SOCKETS"
fi

if [[ ! -f "$DATA/PG_VERSION" ]]; then
  log "creating a cluster in $DATA"
  as_owner "$PG_BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >&2
fi

if ! as_owner "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  log "starting on 127.0.0.1:$PG_PORT (log: $LOG)"
  touch "$LOG"
  if [[ "$(id -u)" == 0 ]]; then chown postgres: "$LOG"; fi
  as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$SOCKETS -c max_connections=200" \
    start >&2
fi

psql_admin() {
  as_owner "$PG_BIN/psql" -h "$SOCKETS" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}
if [[ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'ripple'")" != "1" ]]; then
  psql_admin -c "CREATE ROLE ripple LOGIN PASSWORD 'ripple'" >&2
fi
if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'ripple'")" != "1" ]]; then
  psql_admin -c "CREATE DATABASE ripple OWNER ripple" >&2
fi

echo "jdbc:postgresql://127.0.0.1:$PG_PORT/ripple"
