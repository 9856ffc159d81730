#!/usr/bin/env bash
# `npm run test:n8n1`: the unit suite (what `npm test` runs) on the n8n-core and n8n-workflow of
# n8n 1.123.81, the last 1.x release, instead of the project's n8n 2.x. Installs them once into
# the cache (scripts/n8n1/install.sh), then runs scripts/test.sh (build, type-check, jest) with
# scripts/n8n1/jest.config.js. Last line: `N passed, N failed` as from `npm test`.
# Arguments go to jest: `npm run test:n8n1 -- test/nodes/shares.test.ts`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/node24.sh
source "$ROOT/scripts/node24.sh"
bash "$ROOT/scripts/n8n1/install.sh"
# shellcheck source=scripts/n8n1/env.sh
source "$ROOT/scripts/n8n1/env.sh"
echo "unit suite on n8n-core $(node -p "require('$N8N1_MODULES/n8n-core/package.json').version"), n8n-workflow $(node -p "require('$N8N1_MODULES/n8n-workflow/package.json').version") (n8n $N8N1_VERSION)" >&2
# bench/results.json keeps the figures of the run on the project's own n8n (test/campaign/figures.ts).
export CE_CAMPAIGN_FIGURES=off
exec bash "$ROOT/scripts/test.sh" --config "$ROOT/scripts/n8n1/jest.config.js" "$@"
