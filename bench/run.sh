#!/usr/bin/env bash
# `npm run bench`: compiles the benchmarks with the package's TypeScript into bench/tmp/build
# (git-ignored) and runs them on Node 24 with the GC exposed. Arguments go to bench/main.ts:
#   npm run bench                  # everything, writes bench/results.json
#   npm run bench -- --only poll   # benchmarks whose name contains "poll"
#   npm run bench -- --quick       # smaller workloads, for a smoke run
#   npm run bench -- --no-n8n      # without the real-n8n comparison
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/node24.sh
source scripts/node24.sh
# shellcheck source=scripts/n8n/env.sh
source scripts/n8n/env.sh
[ -d node_modules ] || npm ci --no-audit --no-fund

# The real-n8n comparison needs n8n 2.41.1 in the cache (scripts/n8n/install.sh, once per
# machine) and the package built, since it is packed and installed into n8n as users get it.
want_n8n=yes
only=""
previous=""
for arg in "$@"; do
  [ "$arg" = "--no-n8n" ] && want_n8n=no
  [ "$previous" = "--only" ] && only="$arg"
  previous="$arg"
done
if [ -n "$only" ]; then
  # Only the benchmarks that start a real n8n (their names in bench/main.ts) need it.
  needs_n8n=no
  for name in "n8n webhook" "n8n queue webhook" "n8n outage" "n8n fanout" "n8n sharefile webhook" "n8n sharefile outage"; do
    [[ "$name" == *"$only"* ]] && needs_n8n=yes
  done
  [ "$needs_n8n" = yes ] || want_n8n=no
fi
if [ "$want_n8n" = yes ]; then
  npm run --silent build >&2
  bash scripts/n8n/install.sh || echo "bench: installing n8n failed; the n8n figure will say not measured" >&2
fi

OUT=bench/tmp/build
rm -rf "$OUT"
node_modules/.bin/tsc -p bench/tsconfig.json
# The sandbox is plain JavaScript: the compiled code reaches it at its usual relative path.
ln -sfn "$ROOT/sandbox" "$OUT/sandbox"
export N8N_USER_FOLDER="${N8N_USER_FOLDER:-$(mktemp -d "${TMPDIR:-/tmp}/ce-sharefile-bench-n8n-XXXXXX")}"
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-silent}"
exec node --expose-gc --max-old-space-size=8192 "$OUT/bench/main.js" "$@"
