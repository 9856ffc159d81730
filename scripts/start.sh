#!/usr/bin/env bash
# `npm start`: installs what the package needs, builds it, and starts the local Cloud Elements
# sandbox with the secrets printed below, so the nodes can be tried without an account.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/node24.sh
source scripts/node24.sh

if [ ! -d node_modules ] || [ node_modules/.package-lock.json -ot package-lock.json ]; then
  echo "start: installing dependencies (npm ci)..." >&2
  npm ci --no-audit --no-fund >&2
fi
npm run --silent build >&2

PORT="${SANDBOX_PORT:-8787}"
cat <<EOT
Built the package into dist/. To use it in your own n8n, run in ~/.n8n/nodes:
  npm install $ROOT --legacy-peer-deps
Then create a "Cloud Elements API" credential with:
  Environment:          Custom Base URL
  Base URL:             http://127.0.0.1:$PORT/elements/api-v2
  User Secret:          sandbox-user-secret
  Organization Secret:  sandbox-organization-secret
  ShareFile OAuth Client ID / Secret / Redirect URI: any values
  Authorization Code for Instance → Create: sandbox-demo-code
Stop with Ctrl-C.
EOT
exec node sandbox/cli.js --port "$PORT" --data "${SANDBOX_DATA:-.sandbox-data/state.json}"
