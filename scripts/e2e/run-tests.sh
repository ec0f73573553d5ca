#!/usr/bin/env bash
# End-to-end suite in a real n8n 2.41.1: installs the runtime if needed (cached outside the repo),
# checks that dist/ is built, then runs every test/e2e/*.test.mjs with node:test, one file at a time.
# (Total on the 2-core dev machine: see test/e2e/README.md, "Measured".)
#   scripts/e2e/run-tests.sh [extra node --test args, e.g. test/e2e/smoke.test.mjs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
scripts/e2e/ensure-n8n.sh >/dev/null
# The browser test needs the system Chromium plus playwright-core (driver only, ~1 s, cached outside the repo).
# Without Chromium the test skips with a message; nothing is installed here for it.
if [ -x "${E2E_CHROMIUM:-/usr/bin/chromium}" ]; then
  scripts/e2e/ensure-browser.sh >/dev/null || echo "[e2e] playwright-core install failed; the browser test will skip" >&2
fi
if [ ! -f dist/nodes/Auvik/Auvik.node.js ]; then
  echo "[e2e] dist/ is missing: run npm run build first" >&2
  exit 1
fi
# Explicit file list: a directory argument would also pick up test/e2e/.tmp/sim-*/test/**/*.js (compiled simulator).
if [ "$#" -eq 0 ]; then set -- test/e2e/*.test.mjs; fi
exec node --test --test-concurrency=1 "$@"
