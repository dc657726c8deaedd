#!/usr/bin/env bash
# Installs the tools infra/observability's tests need: promtool (from Debian's `prometheus`
# package) to check and unit-test the alerting rules. The tests fail without it under CI=true.
#
# Idempotent: does nothing when promtool is already on PATH. Installing the package must not
# start a Prometheus server (it would listen on every interface): when the machine has no
# policy-rc.d, one that denies service starts is put in place for the install and removed after.
set -euo pipefail

log() { echo "observability-tools.sh: $*" >&2; }

if command -v promtool >/dev/null 2>&1; then
  log "promtool present: $(promtool --version 2>&1 | head -n 1)"
  exit 0
fi

policy=/usr/sbin/policy-rc.d
added_policy=""
cleanup() {
  if [[ -n "$added_policy" ]]; then
    rm -f "$policy"
  fi
}
trap cleanup EXIT
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\n# temporary, from .ci/observability-tools.sh: no service starts while installing\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  added_policy=yes
fi

log "installing promtool (Debian package prometheus, without recommends)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends prometheus >&2

if ! command -v promtool >/dev/null 2>&1; then
  log "the prometheus package did not provide promtool"
  exit 1
fi
log "promtool installed: $(promtool --version 2>&1 | head -n 1)"
