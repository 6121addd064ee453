#!/usr/bin/env bash
# Engine overhead on real calls to the local model: see scripts/bench_llm.py.
# Usage: scripts/bench-llm.sh [N_NODES] [ROUNDS]. Needs the local model (`patchbay local install`).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product patchbay >/dev/null
bin="$(swift build -c release --show-bin-path)/patchbay"
started_here=0
"$bin" local status | grep -q ", answering," || started_here=1
base_url="$("$bin" local start)"   # starts one, or prints the running one's URL
trap '[ "$started_here" = 1 ] && "$bin" local stop >/dev/null' EXIT
python3 scripts/bench_llm.py "$bin" "$base_url" "${1:-8}" "${2:-5}"
