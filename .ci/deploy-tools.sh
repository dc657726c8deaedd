#!/usr/bin/env bash
# Installs the tools the deployment checks in infra/manifests need, when missing:
#   kubectl (renders knative/overlays with `kubectl kustomize`, offline) - Debian kubernetes-client
#   node + npm and @cdktf/hcl2json (parses every terraform/*.tf offline)
# terraform itself is not packaged by Debian: when it is absent the `terraform fmt -check`
# test prints that it was skipped, while the HCL parse still runs.
# Idempotent: each tool is checked with `command -v` first. Run as root (CI is).
set -euo pipefail

HCL2JSON_VERSION=0.21.0

apt_updated=false
apt_install() {
  if [ "$apt_updated" = false ]; then
    apt-get update -qq
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v kubectl >/dev/null 2>&1; then
  echo "deploy-tools: installing kubectl (Debian kubernetes-client)"
  apt_install kubernetes-client
fi

# knative/overlays use kustomize `replacements` and label-selected patch targets: they need
# the kustomize built into kubectl 1.27 or later (the machine image ships 1.32; Debian
# bookworm's kubernetes-client is 1.20 and cannot render them).
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
cat >"$probe/kustomization.yaml" <<'YAML'
resources: [cm.yaml]
replacements:
  - source: {kind: ConfigMap, name: probe, fieldPath: data.a}
    targets:
      - select: {kind: ConfigMap, labelSelector: probe=yes}
        fieldPaths: [data.b]
YAML
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: probe, labels: {probe: "yes"}}\ndata: {a: x, b: y}\n' >"$probe/cm.yaml"
if ! kubectl kustomize "$probe" >/dev/null 2>&1; then
  echo "deploy-tools: $(command -v kubectl) cannot render kustomize replacements; install kubectl 1.27 or later" >&2
  exit 1
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "deploy-tools: installing node and npm"
  apt_install nodejs npm
fi

if [ ! -d "$(npm root -g)/@cdktf/hcl2json" ]; then
  echo "deploy-tools: installing @cdktf/hcl2json@${HCL2JSON_VERSION}"
  npm install -g --silent --no-audit --no-fund "@cdktf/hcl2json@${HCL2JSON_VERSION}" >/dev/null
fi

if command -v terraform >/dev/null 2>&1; then
  echo "deploy-tools: terraform $(terraform version 2>/dev/null | head -n 1) present: fmt check will run"
else
  echo "deploy-tools: terraform is not installed (not in Debian): the terraform fmt check will be skipped"
fi

echo "deploy-tools: kubectl $(kubectl version --client 2>/dev/null | head -n 1 | sed 's/Client Version: //'), node $(node --version), @cdktf/hcl2json $(node -p "require('$(npm root -g)/@cdktf/hcl2json/package.json').version")"
