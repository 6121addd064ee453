#!/usr/bin/env bash
# The run store benchmarks (issue 5): builds bench and patchbay (release), runs `bench store`
# (persisting steps vs not on the engine workloads, an eval of 200 cases × 5 repeats against the
# fault server at 20 ms per call, listing a store of 10,000 runs), then times the whole
# `patchbay runs` command on that store from outside. Figures are printed, never asserted.
#
# Usage: scripts/bench-store.sh [RUNS]    (alternating runs per workload, default 9)
# Environment:
#   BENCH_SCRATCH_PATH  swift build --scratch-path (default: .build)
#   SKIP_BUILD=1        use the binaries already built
set -euo pipefail

ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$ROOT"
RUNS=${1:-9}
SCRATCH=${BENCH_SCRATCH_PATH:-.build}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building bench and patchbay (release)" >&2
  swift build -c release --product bench --scratch-path "$SCRATCH" >&2
  swift build -c release --product patchbay --scratch-path "$SCRATCH" >&2
fi
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)

KEEP=$(mktemp -d)/runs-10k
trap 'rm -rf "$(dirname "$KEEP")"' EXIT
BENCH_KEEP_STORE=$KEEP "$BIN/bench" store persist eval runs "$RUNS"

# The whole command, process start to exit, as a user runs it: median and worst of 20.
python3 - "$BIN/patchbay" "$KEEP" <<'PY'
import subprocess, sys, time
patchbay, project = sys.argv[1], sys.argv[2]
times = []
for _ in range(20):
    start = time.perf_counter()
    subprocess.run([patchbay, "runs", "--project", project], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"\n`patchbay runs --project` on the 10,000-run store, whole process: median {times[10]:.1f} ms, worst {times[-1]:.1f} ms (20 runs; target < 200 ms)")
PY
