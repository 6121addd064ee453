#!/usr/bin/env bash
# patchbay improve on the bundled model, three searches in one run (issue 15): the zero-shot
# classifier, classify at temperature 0.8 by voting, and extract-once. For each: model calls, wall
# time, the original's and the winner's test pass rates, and the hand-written sample's rate on the
# same test cases (measured in the same run with `patchbay eval`).
# Usage: scripts/bench-improve.sh [SEED]. Needs the local model (`patchbay local install`).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
swift build --product patchbay >/dev/null 2>&1
bin="$(swift build --show-bin-path)/patchbay"
seed="${1:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r sample-graphs/. "$work/"
cd "$work"
run() {  # NAME GRAPH CASES HAND-WRITTEN [improve options…]
  local name=$1 graph=$2 cases=$3 hand=$4
  shift 4
  local start end
  start=$(date +%s.%N)
  "$bin" improve "$graph" --cases "$cases" --seed "$seed" --no-store --force --json "$@" >"$name.json" 2>"$name.err" \
    || { echo "$name: improve failed:"; cat "$name.err"; return; }
  end=$(date +%s.%N)
  "$bin" eval "$hand" --cases "$cases" --no-store --json >"$name.hand.json" 2>/dev/null || true
  python3 "$root/scripts/bench_improve.py" "$name" "$start" "$end"
}
printf '%-20s %6s %8s  %-12s %-12s %-12s\n' search calls seconds original winner hand-written
run classify-zero-shot classify-zero-shot.graph.yaml classify.cases.yaml classify.graph.yaml
run classify-hot classify-hot.graph.yaml reviews.cases.yaml classify.graph.yaml --moves vote --split 0/60/40
run extract-once extract-once.graph.yaml extract.cases.yaml extract.graph.yaml
echo "(test pass rates: passed/samples on the search's test cases; the hand-written graph once per case)"
