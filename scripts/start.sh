#!/usr/bin/env bash
# `npm start`: everything needed to try the nodes in a real n8n, on a fresh machine.
#   1. Node 24 first on PATH (scripts/node24.sh); `npm ci` if node_modules is missing or stale; build
#   2. n8n 2.41.1 installed into the cache once (scripts/n8n/install.sh; ~5 min the first time)
#   3. scripts/n8n/start.js: the Cloud Elements sandbox (127.0.0.1:8787, state in .sandbox-data/)
#      and n8n (127.0.0.1:5678, user folder .n8n-local/) with the packed package installed, an
#      owner, a sandbox credential and the two example workflows active; prints the editor URL,
#      the login and a curl line that fires the workflows. Ctrl-C stops both.
# Ports and folders: SANDBOX_PORT, SANDBOX_DATA, N8N_PORT, N8N_RUNNERS_BROKER_PORT, CE_N8N_FOLDER.
# `npm run start:queue` (argument `queue`): the same, with n8n in queue mode (main, a webhook
# processor, two workers; PostgreSQL and Redis from the environment): scripts/n8n/start-queue.js.
# `npm run dev [-- --source DIR]` (argument `dev`): the same as `npm start`, with the package
# compiled from the sources by tsc --watch and reloaded by n8n on each change: scripts/n8n/dev.js.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/node24.sh
source scripts/node24.sh
# shellcheck source=scripts/n8n/env.sh
source scripts/n8n/env.sh

STAMP=node_modules/.ce-sharefile-lock.sha256
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -d node_modules ] || { [ -f "$STAMP" ] && [ "$(cat "$STAMP")" != "$lock_hash" ]; } ||
   { [ ! -f "$STAMP" ] && { [ ! -f node_modules/.package-lock.json ] || [ node_modules/.package-lock.json -ot package-lock.json ]; }; }; then
  echo "start: installing dependencies (npm ci)..." >&2
  npm ci --no-audit --no-fund >&2
  echo "$lock_hash" > "$STAMP"
fi
echo "start: building..." >&2
npm run --silent build >&2
bash scripts/n8n/install.sh
case "${1:-}" in
  queue) exec node scripts/n8n/start-queue.js ;;
  dev) shift; exec node scripts/n8n/dev.js "$@" ;;
  *) exec node scripts/n8n/start.js ;;
esac
