#!/usr/bin/env bash
# Installs n8n-core and n8n-workflow as n8n 1.123.81 (the last 1.x) ships them into a cache
# folder outside the repository, once per machine: `npm ci --ignore-scripts` from the lockfile in
# scripts/n8n1/runtime/. Not the whole n8n 1.x (that one downloads xlsx from a CDN this machine
# cannot reach): only the libraries a node runs in, which is what the unit suite exercises.
# The project's own devDependencies (n8n 2.x) are untouched. A stamp written last marks a
# complete install; concurrent runs wait for each other (flock). Progress goes to stderr.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/cache-once.sh
source "$ROOT/scripts/cache-once.sh"
# shellcheck source=scripts/n8n1/env.sh
source "$ROOT/scripts/n8n1/env.sh"

install_n8n1() {
  started=$SECONDS
  echo "n8n 1.x: installing the n8n-core and n8n-workflow of n8n $N8N1_VERSION into $N8N1_DIR (once per machine)..." >&2
  rm -rf "$N8N1_DIR"
  mkdir -p "$N8N1_DIR"
  cp "$N8N1_RUNTIME/package.json" "$N8N1_RUNTIME/package-lock.json" "$N8N1_DIR/"
  (
    cd "$N8N1_DIR"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  )
  for pkg in n8n-core n8n-workflow; do
    want="$(node -p "require('$N8N1_RUNTIME/package.json').dependencies['$pkg']")"
    got="$(node -p "require('$N8N1_MODULES/$pkg/package.json').version")"
    [ "$got" = "$want" ] || { echo "n8n 1.x: installed $pkg is $got, expected $want" >&2; exit 1; }
  done
  echo "$N8N1_STAMP_TEXT" > "$N8N1_STAMP"
  echo "n8n 1.x: installed in $(( SECONDS - started ))s" >&2
}
install_once "$N8N1_DIR.lock" n8n1_installed install_n8n1
