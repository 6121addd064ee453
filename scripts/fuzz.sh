#!/usr/bin/env bash
# Fuzzes the graph decoder + validator and the cases loader with libFuzzer for SECONDS each
# (default 60). Fails on a crash, an input taking over 1 s, or more than 500 MB of memory; the
# input is left in .build/fuzz/findings/ (replay it with `swift run fuzz-graph FILE`).
# The fuzz build has its own scratch path (.build/fuzz) so it doesn't share the normal build's
# lock or artifacts; the first build takes several minutes, later ones only relink.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scratch=.build/fuzz
flags=(-Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -enable-experimental-feature -Xswiftc Extern)
start=$(date +%s)
for product in fuzz-graph fuzz-cases; do
  swift build --scratch-path "$scratch" --product "$product" "${flags[@]}"
done
echo "fuzz build: $(( $(date +%s) - start )) s"
bin="$(swift build --scratch-path "$scratch" --show-bin-path "${flags[@]}")"

# Seed corpus from the samples. Cases inputs start with a byte picking the format: 0 YAML, 1 JSONL, 2 CSV.
corpus="$scratch/corpus"
rm -rf "$corpus"; mkdir -p "$corpus/graph" "$corpus/cases" "$scratch/findings"
for f in sample-graphs/*.graph.yaml sample-graphs/lib/*.graph.yaml; do cp "$f" "$corpus/graph/$(basename "$f")"; done
for f in sample-graphs/*.cases.*; do
  case "$f" in *.yaml) p='\x00' ;; *.jsonl) p='\x01' ;; *.csv) p='\x02' ;; *) continue ;; esac
  { printf "$p"; cat "$f"; } > "$corpus/cases/$(basename "$f")"
done

# Swift's backtracer would spend seconds on each crash; libFuzzer prints its own stack.
export SWIFT_BACKTRACE=enable=no
status=0
for target in graph cases; do
  echo "== fuzz-$target for $seconds s"
  # A fresh copy so the run's new inputs don't pile up between runs.
  work="$scratch/run-$target"; rm -rf "$work"; cp -r "$corpus/$target" "$work"
  if ! "$bin/fuzz-$target" "$work" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=500 -max_len=8192 \
      -print_final_stats=1 -artifact_prefix="$scratch/findings/$target-" 2>"$scratch/fuzz-$target.log"; then
    status=1
    echo "fuzz-$target FOUND a crash, timeout or memory blow-up; the input is in $scratch/findings/:"
  fi
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|ERROR|SUMMARY' "$scratch/fuzz-$target.log" || true
done
ls "$scratch/findings" 2>/dev/null | sed 's/^/finding: /'
exit $status
