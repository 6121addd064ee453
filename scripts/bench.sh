#!/usr/bin/env bash
# Runs the engine benchmark (Sources/bench, release build) and the LangGraph peers of
# shared/bench/peers on the same machine in one go, then prints per-node figures, ratios and
# pass/fail against the targets of issue 2 (item 12), and the tool loop's overhead per call
# (tools 100 beside the peer's bench_tools.py 100, issue 14's target: under 2 ms).
#
# Usage: scripts/bench.sh [RUNS]            (RUNS timed runs per workload, default 5)
# Environment:
#   PATCHBAY_SHARED     the shared/ folder (default: <repo>/../shared)
#   BENCH_SCRATCH_PATH  swift build --scratch-path (default: .build)
#   PEERS_VENV          venv for the peers (default: <repo>/.venv-peers; created if missing)
#   SKIP_PEERS=1        Patchbay only
#   BENCH_OUT           folder for the JSON lines (default: <repo>/bench-results)
set -euo pipefail

ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$ROOT"
RUNS=${1:-5}
SHARED=${PATCHBAY_SHARED:-$ROOT/../shared}
PEERS=$SHARED/bench/peers
SCRATCH=${BENCH_SCRATCH_PATH:-.build}
VENV=${PEERS_VENV:-$ROOT/.venv-peers}
OUT=${BENCH_OUT:-$ROOT/bench-results}
mkdir -p "$OUT"

echo "== building bench (release)" >&2
swift build -c release --product bench --scratch-path "$SCRATCH" >&2
BENCH=$(swift build -c release --product bench --scratch-path "$SCRATCH" --show-bin-path)/bench

# Every workload in a process of its own, as the peers do, so each peak RSS is its own.
WORKLOADS=("chain 100" "chain 1000" "fanout 100" "map 1000" "map 10000" "tools 100")
echo "== Patchbay (fresh empty step cache per run: the headline)" >&2
: > "$OUT/patchbay.jsonl"
for spec in "${WORKLOADS[@]}" "load10k 10000"; do
  # shellcheck disable=SC2086
  "$BENCH" $spec "$RUNS" | tee -a "$OUT/patchbay.jsonl" >&2
done
: > "$OUT/langgraph.jsonl"
if [ "${SKIP_PEERS:-0}" != 1 ]; then
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import langgraph' 2>/dev/null; then
    echo "== creating $VENV for the LangGraph peers" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet langgraph==1.2.24 >&2
  fi
  echo "== LangGraph peers ($PEERS)" >&2
  PY="$VENV/bin/python" OUT="$OUT/langgraph.jsonl" "$PEERS/run_all.sh" "$RUNS" >&2
fi

python3 - "$OUT" <<'PY'
import json, sys, os
print("\nload average (1, 5, 15 min) as the run ended:", open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else "?", "on", os.cpu_count(), "cores")
out = sys.argv[1]

def load(name):
    path = os.path.join(out, name)
    recs = {}
    if os.path.exists(path):
        for line in open(path):
            if line.strip():
                r = json.loads(line)
                recs[(r["workload"], r["n"])] = r
    return recs

pb, lg = load("patchbay.jsonl"), load("langgraph.jsonl")
keys = [("chain", 100), ("chain", 1000), ("fanout", 100), ("map", 1000), ("map", 10000)]

def f(x, fmt="{:.2f}"):
    return "-" if x is None else fmt.format(x)

print()
print("| workload | Patchbay µs/node | CPU µs/node | node work µs/node | LangGraph µs/node | LangGraph ÷ Patchbay | Patchbay median | Patchbay peak MB |")
print("|---|---|---|---|---|---|---|---|")
for k in keys:
    p, l = pb.get(k), lg.get(k)
    pn = p and p["per_node_us"]
    ln = l and l["per_node_us"]
    ratio = (ln / pn) if (pn and ln) else None
    cpu = p and p.get("invoke_cpu_median_s") and p["invoke_cpu_median_s"] / p["nodes_executed"] * 1e6
    print(f"| {k[0]} {k[1]} | {f(pn)} | {f(cpu)} | {f(p and p.get('node_work_us'))} | {f(ln, '{:.0f}')} | {f(ratio, '{:.0f}×')} "
          f"| {f(p and p['invoke_median_s'] * 1e3, '{:.1f} ms')} | {f(p and p['peak_rss_mb'], '{:.1f}')} |")
tp, tl = pb.get(("tools", 100)), lg.get(("tools", 100))
if tp:
    lg_call = tl and tl["invoke_median_s"] / 100 * 1e3
    print(f"\ntools 100 (a tool loop of 100 calls, scripted model and in-process add): Patchbay {tp['per_call_ms']:.3f} ms "
          f"per call ({tp['per_node_us']:.1f} µs per turn or call), LangGraph {f(lg_call, '{:.3f} ms')} per call"
          + (f", LangGraph ÷ Patchbay {lg_call / tp['per_call_ms']:.1f}×" if lg_call else ""))
load = pb.get(("load10k", 10000))
if load:
    print(f"\nload10k: decode + validate of a 10,000-node YAML file: {load['load_validate_cold_s']*1e3:.0f} ms in a fresh process "
          f"(decode {load['decode_cold_s']*1e3:.0f} ms), {load['load_validate_median_s']*1e3:.0f} ms median once warm; "
          f"compile for a run {load['compile_s']*1e3:.0f} ms; peak {load['peak_rss_mb']:.1f} MB")

print()
checks = []
def check(name, ok, detail):
    checks.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")

for k in keys:
    if k in pb:
        work = pb[k].get("node_work_us", 0)
        check(f"per-node overhead ≤ 5 µs ({k[0]} {k[1]}), node work included", pb[k]["per_node_us"] <= 5,
              f"{pb[k]['per_node_us']:.2f} µs, of which the nodes' own work {work:.2f} µs")
if ("chain", 100) in pb and ("chain", 1000) in pb:
    r = pb[("chain", 1000)]["per_node_us"] / pb[("chain", 100)]["per_node_us"]
    check("linear growth (chain 1000 per node within 1.5× of chain 100)", r <= 1.5, f"{r:.2f}×")
if ("map", 10000) in pb:
    m = pb[("map", 10000)]
    check("map 10000 under 100 ms", m["invoke_median_s"] < 0.1, f"{m['invoke_median_s']*1e3:.1f} ms")
    check("peak memory under 100 MB for map 10000", m["peak_rss_mb"] < 100, f"{m['peak_rss_mb']:.1f} MB")
if tp:
    check("tool loop overhead under 2 ms per call (tools 100)", tp["per_call_ms"] < 2, f"{tp['per_call_ms']:.3f} ms")
if load:
    ok = load["load_validate_cold_s"] < 1
    check("load + validate 10,000 nodes under 1 s", ok,
          f"{load['load_validate_cold_s']*1e3:.0f} ms (fresh process)")
print(f"\n{sum(checks)}/{len(checks)} targets met; JSON lines in {out}")
PY
