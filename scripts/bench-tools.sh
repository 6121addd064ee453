#!/usr/bin/env bash
# The tool loop's overhead per call: Patchbay's `bench tools N RUNS` (Sources/bench/ToolsWorkload.swift:
# an llm node whose scripted model asks for one add(a, b) per turn until N calls, then answers; an
# in-process tool adds) beside its LangGraph peer, shared/bench/peers/bench_tools.py N RUNS
# (MessagesState + ToolNode, the same script), on this machine in one go. Neither model nor tool
# does real work, so the figures are each framework's own cost per call (issue 14's target for
# Patchbay: under 2 ms).
#
# Usage: scripts/bench-tools.sh [N] [RUNS]      (default 100 calls, 5 timed runs)
# Environment:
#   BENCH            a bench binary to use (default: the release build, built here)
#   PATCHBAY_SHARED  the shared/ folder (default: <repo>/../shared)
#   PEERS_VENV       venv with langgraph for the peer (default: <repo>/.venv-peers; created if missing)
#   SKIP_PEERS=1     Patchbay only
set -euo pipefail
ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$ROOT"
N=${1:-100}
RUNS=${2:-5}
PEERS=${PATCHBAY_SHARED:-$ROOT/../shared}/bench/peers
VENV=${PEERS_VENV:-$ROOT/.venv-peers}
if [ -z "${BENCH:-}" ]; then
  echo "== building bench (release)" >&2
  swift build -c release --product bench >&2
  BENCH=$(swift build -c release --product bench --show-bin-path)/bench
fi
patchbay=$("$BENCH" tools "$N" "$RUNS")
echo "$patchbay"
peer=""
if [ "${SKIP_PEERS:-0}" != 1 ]; then
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import langgraph' 2>/dev/null; then
    echo "== creating $VENV for the LangGraph peer" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet langgraph==1.2.24 >&2
  fi
  peer=$(cd "$PEERS" && "$VENV/bin/python" bench_tools.py "$N" "$RUNS")
  echo "$peer"
fi
python3 - "$BENCH" "$patchbay" "$peer" <<'PY'
import json, sys
bench, pb = sys.argv[1], json.loads(sys.argv[2])
lg = json.loads(sys.argv[3]) if sys.argv[3] else None
n = pb["n"]
print(f"\ntools {n} ({pb['runs']} timed runs each; {bench})")
print("| | per call | per node (turn or call) | run median | CPU median | peak MB |")
print("|---|---|---|---|---|---|")
print(f"| Patchbay | {pb['per_call_ms']:.3f} ms | {pb['per_node_us']:.1f} µs | {pb['invoke_median_s'] * 1e3:.1f} ms "
      f"| {pb['invoke_cpu_median_s'] * 1e3:.1f} ms | {pb['peak_rss_mb']:.1f} |")
if lg:
    print(f"| LangGraph | {lg['invoke_median_s'] / n * 1e3:.3f} ms | {lg['per_node_us']:.1f} µs "
          f"| {lg['invoke_median_s'] * 1e3:.1f} ms | - | {lg['peak_rss_mb']:.1f} |")
    print(f"\nLangGraph ÷ Patchbay per call: {lg['invoke_median_s'] / pb['invoke_median_s']:.1f}×")
print(f"steps {pb['steps']}, events {pb['events']}; the steps' own time (model and tool doubles, inside their steps) "
      f"{pb['node_work_us']:.1f} µs per node")
ok = pb["per_call_ms"] < 2
print(f"{'PASS' if ok else 'FAIL'}  tool loop overhead under 2 ms per call: {pb['per_call_ms']:.3f} ms")
PY
