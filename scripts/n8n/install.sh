#!/usr/bin/env bash
# Installs the pinned n8n (scripts/n8n/env.sh) on Node.js 24 into a cache folder outside the
# repository, once per machine: `npm ci --ignore-scripts` from the lockfile in scripts/n8n/runtime/
# (every one of n8n's 2,300-odd packages at the version it was tested with: a fresh resolution
# picks up whatever the registry lists that day, and once picked a version it did not serve),
# then sqlite3 (the
# one native module n8n needs) compiled against Node 24's headers by scripts/n8n/rebuild-native.sh,
# which runs the build even when launched through npm with the project's ignore-scripts=true.
# A plain install fails offline-ish: a Kafka client's install script downloads from hosts that
# cannot be reached. A stamp file written last marks a complete install; anything without it is
# wiped and redone. Concurrent runs wait for each other (flock).
# Prints nothing on stdout; progress goes to stderr. ~4-6 min the first time, instant after.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/cache-once.sh
source "$ROOT/scripts/cache-once.sh"
# shellcheck source=scripts/n8n/env.sh
source "$ROOT/scripts/n8n/env.sh"

RUNTIME="$ROOT/scripts/n8n/runtime"
expected_stamp="n8n@$N8N_VERSION node@$(node --version) lock@$(sha256sum "$RUNTIME/package-lock.json" | cut -c1-16)"
installed() { [ -f "$N8N_INSTALL_STAMP" ] && [ "$(cat "$N8N_INSTALL_STAMP")" = "$expected_stamp" ] && [ -f "$N8N_BIN" ]; }

install_n8n() {
  started=$SECONDS
  echo "n8n: installing n8n@$N8N_VERSION on Node $(node --version) into $N8N_INSTALL_DIR (once per machine, about 5 minutes)..." >&2
  rm -rf "$N8N_INSTALL_DIR"
  mkdir -p "$N8N_INSTALL_DIR"
  cp "$RUNTIME/package.json" "$RUNTIME/package-lock.json" "$N8N_INSTALL_DIR/"
  (
    cd "$N8N_INSTALL_DIR"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  )
  echo "n8n: compiling sqlite3 for Node $(node --version) ($(( SECONDS - started ))s so far)..." >&2
  bash "$ROOT/scripts/n8n/rebuild-native.sh" "$N8N_INSTALL_DIR" sqlite3
  version="$(cd "$N8N_INSTALL_DIR" && node "$N8N_BIN" --version 2>/dev/null | tail -n 1)"
  if [ "$version" != "$N8N_VERSION" ]; then
    echo "n8n: installed n8n reports version '$version', expected $N8N_VERSION" >&2
    exit 1
  fi
  node -e "require('$N8N_INSTALL_DIR/node_modules/sqlite3')" || { echo "n8n: sqlite3 does not load on $(node --version)" >&2; exit 1; }
  echo "$expected_stamp" > "$N8N_INSTALL_STAMP"
  echo "n8n: n8n@$N8N_VERSION installed in $(( SECONDS - started ))s" >&2
}
install_once "$CE_SHAREFILE_CACHE_ROOT/n8n-$N8N_VERSION.lock" installed install_n8n
