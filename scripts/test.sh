#!/usr/bin/env bash
# `npm test`: works on a fresh machine whose own Node is 20.
#   1. Node 24 first on PATH (scripts/node24.sh)
#   2. `npm ci` if node_modules is missing or was installed from another package-lock.json
#   3. build, type-check the tests, run jest
#   4. last line: `N passed, N failed` (`, N skipped` / `, N todo` if any) from jest's own counts
# Arguments go to jest: `npm test -- test/engine -t 'cursor'`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/node24.sh
source scripts/node24.sh

# --- dependencies ------------------------------------------------------------------------------
STAMP=node_modules/.ce-sharefile-lock.sha256
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
need_install=no
if [ ! -d node_modules ]; then
  need_install=yes
elif [ -f "$STAMP" ]; then
  [ "$(cat "$STAMP")" = "$lock_hash" ] || need_install=yes
elif [ ! -f node_modules/.package-lock.json ] || [ node_modules/.package-lock.json -ot package-lock.json ]; then
  # No stamp yet (installed by hand or by .ci/run): npm's own record of the last install must be
  # at least as new as package-lock.json.
  need_install=yes
fi
if [ "$need_install" = yes ]; then
  echo "test: installing dependencies (npm ci)..." >&2
  npm ci --no-audit --no-fund
fi
echo "$lock_hash" > "$STAMP"

# --- build and type-check --------------------------------------------------------------------
npm run --silent build
node_modules/.bin/tsc -p tsconfig.test.json

# --- jest ------------------------------------------------------------------------------------
RESULTS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ce-sharefile-jest-XXXXXX")"
trap 'rm -rf "$RESULTS_DIR"' EXIT
RESULTS="$RESULTS_DIR/results.json"

set +e
node_modules/.bin/jest --json --outputFile="$RESULTS" "$@"
jest_status=$?
set -e

if [ ! -s "$RESULTS" ]; then
  echo "test: jest wrote no results (exit status $jest_status)" >&2
  exit "$(( jest_status == 0 ? 1 : jest_status ))"
fi

# Prints the summary line last; exits 1 when anything failed.
node - "$RESULTS" "$jest_status" <<'EOF'
const fs = require('fs');
const [resultsFile, jestStatus] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
const passed = r.numPassedTests ?? 0;
const failed = r.numFailedTests ?? 0;
const skipped = r.numPendingTests ?? 0;
const todo = r.numTodoTests ?? 0;
const brokenSuites = r.numRuntimeErrorTestSuites ?? 0;
const ok = Number(jestStatus) === 0 && failed === 0 && brokenSuites === 0 && r.success !== false;
if (brokenSuites > 0) console.log(`${brokenSuites} test suite(s) failed to run (see above)`);
if (!ok && failed === 0 && brokenSuites === 0) console.log(`jest exited with status ${jestStatus}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${todo ? `, ${todo} todo` : ''}`);
process.exit(ok ? 0 : 1);
EOF
