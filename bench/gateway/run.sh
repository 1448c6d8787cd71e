#!/usr/bin/env bash
# bench/gateway: refract serve vs a bare Node proxy vs Portkey, in one peerbench run.
# Usage: bash bench/gateway/run.sh [peerbench options: --quick, --rounds 3, --concurrency 1,16,64, ...]
# peerbench lives read-only in ../shared/peerbench (PEERBENCH_DIR overrides); it is copied to .tmp/peerbench
# (npm ci there installs Portkey and autocannon). Results go to bench/results/gateway-<time>/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source_dir="${PEERBENCH_DIR:-$root/../shared/peerbench}"
peer="$root/.tmp/peerbench"
if [ ! -f "$peer/bench.mjs" ]; then
  [ -f "$source_dir/bench.mjs" ] || { echo "peerbench not found at $source_dir (set PEERBENCH_DIR)" >&2; exit 1; }
  mkdir -p "$peer" && cp -r "$source_dir/." "$peer/" && chmod -R u+w "$peer"
fi
if [ ! -f "$peer/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
  (cd "$peer" && npm ci --no-audit --no-fund)
fi
if ! command -v wrk >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null 2>&1 || true; fi
  command -v wrk >/dev/null 2>&1 || echo "note: wrk not available; peerbench falls back to autocannon (1 ms latency resolution)" >&2
fi
if [ ! -f "$root/packages/cli/dist/main.js" ] || [ ! -f "$root/packages/adapters/dist/index.js" ]; then
  (cd "$root" && npm run build)
fi
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
cd "$peer"
node bench.mjs --config "$root/bench/gateway/peerbench.json" --out "$root/bench/results/gateway-$(date -u +%Y%m%dT%H%M%SZ)" "$@"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
