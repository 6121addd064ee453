#!/usr/bin/env bash
# Few-shot free completion vs zero-shot `schema:` on the bundled model, on the extract-person
# sample's 15 cases, in one eval (the schema graph as a variant of the few-shot one): pass rate
# and tokens, totals and per case, side by side (issue 14's benchmark).
#   few-shot: sample-graphs/extract-person-fewshot.graph.yaml (three worked examples, parse-json)
#   schema:   sample-graphs/extract-person.graph.yaml (no examples, a llama.cpp grammar)
# Usage: scripts/bench-schema.sh
# Environment: PATCHBAY_BIN (default: .build/release/patchbay if built, else .build/debug/patchbay).
# Needs the local model (`patchbay local install`); a running `patchbay local start` is used.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PATCHBAY_BIN:-}
if [ -z "$bin" ]; then
  bin=.build/release/patchbay
  [ -x "$bin" ] || bin=.build/debug/patchbay
fi
[ -x "$bin" ] || { echo "no patchbay binary at $bin: swift build first (or set PATCHBAY_BIN)" >&2; exit 2; }
report=$(mktemp)
trap 'rm -f "$report"' EXIT
# --no-store: no cache, so every sample is a real model call.
"$bin" eval sample-graphs/extract-person-fewshot.graph.yaml --cases sample-graphs/extract-person.cases.yaml \
  --variant sample-graphs/extract-person.graph.yaml --json --no-store > "$report"
python3 - "$report" "$bin" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
names = [v["name"] for v in report["variants"]]  # few-shot first, then the schema variant
label = dict(zip(names, ["few-shot, free", "zero-shot, schema"]))
by = {(s["variant"], s["caseID"]): s for s in report["samples"]}
cases = report["caseIDs"]
print(f"binary {sys.argv[2]}; eval {report['evalID'][:8]}; {len(cases)} cases; temperature 0; no cache\n")
print(f"{'case':10} | {'few-shot, free':^22} | {'zero-shot, schema':^22}")
print(f"{'':10} | {'pass   in tok  out tok':22} | {'pass   in tok  out tok':22}")
print("-" * 60)
def cell(s):
    u = s.get("usage") or {}
    ok = "yes" if s["passed"] else ("no" if s["runStatus"] == "succeeded" else "error")
    return f"{ok:5} {u.get('inputTokens', 0):7} {u.get('outputTokens', 0):8}"
for c in cases:
    print(f"{c:10} | {cell(by[(names[0], c)]):22} | {cell(by[(names[1], c)]):22}")
print("-" * 60)
for summary in report["summaries"]:
    name = summary["variant"]
    n, p, u = summary["samples"], summary["passed"], summary["usage"]
    print(f"{label[name]:18} pass {p}/{n} = {100 * p / n:.0f}% [{100 * summary['low']:.0f}%, {100 * summary['high']:.0f}%]; "
          f"tokens in {u['inputTokens']} ({u['inputTokens'] / n:.1f}/case), out {u['outputTokens']} "
          f"({u['outputTokens'] / n:.1f}/case); latency p50 {summary['latencyP50']:.2f} s")
for c in report.get("comparisons") or []:
    # difference is variant − first graph: schema − few-shot.
    print(f"schema − few-shot: {100 * c['difference']:+.0f} pts [{100 * c['low']:+.0f}, {100 * c['high']:+.0f}] ({c['verdict']})")
PY
