#!/usr/bin/env bash
# End-to-end suite in a real n8n 2.41.1: installs the runtime if needed (cached outside the repo),
# checks that dist/ is built, then runs every test/e2e/*.test.mjs with node:test, one file at a time.
#   scripts/e2e/run-tests.sh [extra node --test args, e.g. test/e2e/smoke.test.mjs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
scripts/e2e/ensure-n8n.sh >/dev/null
if [ ! -f dist/nodes/Auvik/Auvik.node.js ]; then
  echo "[e2e] dist/ is missing: run npm run build first" >&2
  exit 1
fi
if [ "$#" -eq 0 ]; then set -- test/e2e/; fi
exec node --test --test-concurrency=1 "$@"
