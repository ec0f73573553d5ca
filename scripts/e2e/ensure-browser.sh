#!/usr/bin/env bash
# Installs playwright-core (the driver only; it never downloads a browser) into a cache folder OUTSIDE the repo,
# for test/e2e/browser.test.mjs. The browser itself is the system Chromium (Debian: apt-get install -y chromium).
# Idempotent: does nothing when the pinned version is already there.
#
#   scripts/e2e/ensure-browser.sh          # install if needed, print the folder that holds node_modules/playwright-core
#
# Environment:
#   N8N_E2E_CACHE          cache root (default: $HOME/.cache/n8n-nodes-auvik)
#   E2E_PLAYWRIGHT_DIR     full folder (default: $N8N_E2E_CACHE/playwright-core-<version>)
#   E2E_CHROMIUM           browser binary (default: /usr/bin/chromium); only checked, never installed
#
# The last line of stdout is the folder (DIR=$(scripts/e2e/ensure-browser.sh | tail -n1)).
set -euo pipefail

PW_VERSION=1.65.2
CACHE_ROOT="${N8N_E2E_CACHE:-${HOME}/.cache/n8n-nodes-auvik}"
DIR="${E2E_PLAYWRIGHT_DIR:-$CACHE_ROOT/playwright-core-$PW_VERSION}"
CHROMIUM="${E2E_CHROMIUM:-/usr/bin/chromium}"

log() { printf '[ensure-browser] %s\n' "$*" >&2; }

if [ ! -x "$CHROMIUM" ]; then
  log "no browser at $CHROMIUM: install it with 'apt-get update && apt-get install -y chromium' (Debian) to run the browser test"
fi

PKG="$DIR/node_modules/playwright-core/package.json"
if [ -f "$PKG" ] && grep -q "\"version\": \"$PW_VERSION\"" "$PKG"; then
  log "playwright-core $PW_VERSION already installed: $DIR"
  echo "$DIR"
  exit 0
fi

mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || printf '{ "name": "e2e-playwright-core", "private": true }\n' > package.json
# playwright-core has no install script and never fetches a browser; the env vars are belt and braces.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PLAYWRIGHT_BROWSERS_PATH=0 \
  npm install "playwright-core@$PW_VERSION" --no-audit --no-fund --ignore-scripts --loglevel=error >&2
log "installed playwright-core $PW_VERSION into $DIR"
echo "$DIR"
