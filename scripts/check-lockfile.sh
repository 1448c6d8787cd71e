#!/usr/bin/env bash
# Checks that `npm ci` (what CI runs) accepts package.json + package-lock.json, in a scratch copy.
# The npm registry reachable here lacks some platform builds of the newest releases (rollup's, for
# one); npm then writes a lockfile that `npm ci` rejects. Pin such packages in "overrides".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
(cd "$root" && git ls-files -z --cached --others --exclude-standard | grep -z 'package' | xargs -0 -I{} cp --parents {} "$scratch")
cd "$scratch" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null 2>"$scratch/err" || { grep -v nodedir "$scratch/err" | head -20; echo "lockfile check: FAILED"; exit 1; }
echo "lockfile check: ok"
