#!/usr/bin/env bash
# `npm run test:e2e`: the end-to-end tests against a real n8n (test/e2e/*.e2e.js);
# `npm run test:e2e:editor` (CE_E2E_SUITE=editor): the editor in a real Chromium (test/e2e/editor/);
# `npm run test:e2e:queue` (CE_E2E_SUITE=queue): n8n in queue mode with PostgreSQL and Redis
# (test/e2e/queue/; each suite makes its own database and drops it).
#   1. Node 24 first on PATH (scripts/node24.sh); `npm ci` if node_modules is missing or stale
#   2. build; n8n 2.41.1 installed into the cache once (scripts/n8n/install.sh)
#   3. `npm pack` into a fresh run directory; jest with the suite's config, one test file at a time
#   4. last line: `N passed, N failed`; exit status non-zero on any failure
# Arguments go to jest: `npm run test:e2e -- -t webhook`. The run directory (n8n user folders
# and logs) is kept when something failed, removed otherwise (CE_E2E_KEEP=1 keeps it anyway).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/node24.sh
source scripts/node24.sh
# shellcheck source=scripts/n8n/env.sh
source scripts/n8n/env.sh

case "${CE_E2E_SUITE:-api}" in
  api) JEST_CONFIG=test/e2e/jest.config.js ;;
  editor) JEST_CONFIG=test/e2e/editor/jest.config.js ;;
  queue) JEST_CONFIG=test/e2e/queue/jest.config.js ;;
  outage) JEST_CONFIG=test/e2e/outage/jest.config.js ;;
  *) echo "e2e: CE_E2E_SUITE is '$CE_E2E_SUITE'; use api, editor, queue or outage" >&2; exit 2 ;;
esac

started=$SECONDS
summary_fail() {   # the plain summary line even when jest never ran
  echo "e2e: $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# --- dependencies and build (the same check as scripts/test.sh) ---------------------------------
STAMP=node_modules/.ce-sharefile-lock.sha256
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -d node_modules ] || { [ -f "$STAMP" ] && [ "$(cat "$STAMP")" != "$lock_hash" ]; } ||
   { [ ! -f "$STAMP" ] && { [ ! -f node_modules/.package-lock.json ] || [ node_modules/.package-lock.json -ot package-lock.json ]; }; }; then
  echo "e2e: installing dependencies (npm ci)..." >&2
  npm ci --no-audit --no-fund >&2 || summary_fail "npm ci failed"
  echo "$lock_hash" > "$STAMP"
fi
npm run --silent build >&2 || summary_fail "the build failed"

bash scripts/n8n/install.sh || summary_fail "installing n8n $N8N_VERSION failed"
if [ "${CE_E2E_SUITE:-api}" = editor ] && [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  summary_fail "the editor tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)"
fi

# --- pack and run ---------------------------------------------------------------------------------
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ce-sharefile-e2e-XXXXXX")"
export CE_E2E_RUN_DIR="$RUN_DIR"
mkdir -p "$RUN_DIR/pack"
tarball="$(npm pack --silent --pack-destination "$RUN_DIR/pack" 2>/dev/null | tail -n 1)" || summary_fail "npm pack failed"
export CE_E2E_TARBALL="$RUN_DIR/pack/$tarball"
[ -f "$CE_E2E_TARBALL" ] || summary_fail "npm pack produced no tarball"
echo "e2e: n8n $N8N_VERSION on Node $(node --version), package $tarball, run directory $RUN_DIR ($(( SECONDS - started ))s)" >&2

RESULTS="$RUN_DIR/results.json"
set +e
node_modules/.bin/jest --config "$JEST_CONFIG" --runInBand --json --outputFile="$RESULTS" "$@"
jest_status=$?
set -e

if [ ! -s "$RESULTS" ]; then
  echo "e2e: jest wrote no results (exit status $jest_status); logs in $RUN_DIR" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# The summary: jest's own counts; a suite that could not run counts as one failure.
set +e
summary="$(node - "$RESULTS" "$jest_status" <<'JS'
const fs = require('fs');
const [file, jestStatus] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const passed = r.numPassedTests ?? 0;
let failed = r.numFailedTests ?? 0;
const skipped = r.numPendingTests ?? 0;
const broken = r.numRuntimeErrorTestSuites ?? 0;
const ok = Number(jestStatus) === 0 && failed === 0 && broken === 0 && r.success !== false;
if (broken > 0) console.error(`e2e: ${broken} test suite(s) failed to run (see above)`);
if (!ok && failed === 0) failed = Math.max(broken, 1);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
JS
)"
status=$?
set -e
echo "e2e: finished in $(( SECONDS - started ))s" >&2
if [ -d "$RUN_DIR/screenshots" ]; then
  # Screenshots outlive the run directory: they are what a person looks at afterwards.
  SHOTS="${CE_E2E_SCREENSHOTS:-${TMPDIR:-/tmp}/ce-sharefile-screenshots}"
  rm -rf "$SHOTS" && mkdir -p "$SHOTS" && cp "$RUN_DIR"/screenshots/*.png "$SHOTS"/ 2>/dev/null || true
  echo "e2e: screenshots of every step in $SHOTS" >&2
fi
if [ "$status" -eq 0 ] && [ -z "${CE_E2E_KEEP:-}" ]; then
  rm -rf "$RUN_DIR"
else
  echo "e2e: n8n user folders and logs kept in $RUN_DIR" >&2
fi
echo "$summary"
exit "$status"
