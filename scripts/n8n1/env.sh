#!/usr/bin/env bash
# Sourced: the n8n 1.x libraries the unit suite also runs on, where scripts/n8n1/install.sh puts
# them, and whether they are there. Needs scripts/node24.sh sourced first (CE_SHAREFILE_CACHE_ROOT).
# n8n 1.123.81, the last 1.x release, pins n8n-core 1.122.48 and n8n-workflow 1.120.31
# (`npm view n8n@1.123.81 dependencies`); scripts/n8n1/runtime/ pins the same, with a lockfile.
N8N1_VERSION=1.123.81
N8N1_RUNTIME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/runtime"
N8N1_DIR="${CE_SHAREFILE_CACHE_ROOT:?source scripts/node24.sh first}/n8n-core-for-n8n-$N8N1_VERSION"
N8N1_MODULES="$N8N1_DIR/node_modules"
N8N1_STAMP="$N8N1_DIR/.installed"
# The stamp names the lockfile installed from: a changed lockfile means installing again.
N8N1_STAMP_TEXT="lock@$(sha256sum "$N8N1_RUNTIME/package-lock.json" | cut -c1-16)"
export N8N1_VERSION N8N1_DIR N8N1_MODULES
n8n1_installed() { [ -f "$N8N1_STAMP" ] && [ "$(cat "$N8N1_STAMP")" = "$N8N1_STAMP_TEXT" ]; }
