#!/usr/bin/env bash
# The workbench benchmarks (issue 4): builds bench and patchbay (release), runs `bench tui`
# (frame of a 500-node graph, keystroke to screen, curses flush; the 10,000-item trace in a
# process of its own so its peak memory is its own), then times opening a sample graph to the
# first full frame from outside, in tmux. Figures are printed, never asserted.
#
# Usage: scripts/bench-tui.sh [RUNS]     (tmux runs per command, default 10)
# Environment:
#   BENCH_SCRATCH_PATH  swift build --scratch-path (default: .build)
#   TUI_GRAPH           the graph to open (default: sample-graphs/summarize.graph.yaml)
#   SKIP_BUILD=1        use the binaries already built
set -euo pipefail

ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$ROOT"
RUNS=${1:-10}
SCRATCH=${BENCH_SCRATCH_PATH:-.build}
GRAPH=${TUI_GRAPH:-sample-graphs/summarize.graph.yaml}
# The status line's last key hint: once it shows, the first full frame is on the screen.
MARKER='? help'

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building bench and patchbay (release)" >&2
  swift build -c release --product bench --scratch-path "$SCRATCH" >&2
  swift build -c release --product patchbay --scratch-path "$SCRATCH" >&2
fi
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)

echo "== bench tui frame keys flush" >&2
"$BIN/bench" tui frame keys flush
echo "== bench tui trace (own process: its peak RSS is its own)" >&2
"$BIN/bench" tui trace

command -v tmux >/dev/null || { echo "tmux not installed: skipping the open-to-first-frame measurement" >&2; exit 0; }

# Model servers running before we start (other users of the machine may have some).
model_servers() { pgrep -f 'llama_cpp\.server|llama-server' 2>/dev/null | sort || true; }
BEFORE_SERVERS=$(model_servers)
SOCKET_PREFIX="benchtui$$_"
cleanup() {
  for ((i = 0; i < RUNS; i++)); do
    tmux -L "${SOCKET_PREFIX}p$i" kill-server 2>/dev/null || true
    tmux -L "${SOCKET_PREFIX}t$i" kill-server 2>/dev/null || true
  done
}
trap cleanup EXIT

# time_to_marker SOCKET COMMAND: ms from just before `tmux new-session` until `capture-pane`
# shows MARKER, polling in a tight loop (each poll is one tmux client call, ~1–3 ms).
time_to_marker() {
  local socket=$1 command=$2 start now screen
  start=$EPOCHREALTIME
  tmux -L "$socket" -f /dev/null new-session -d -s bench -x 120 -y 40 "$command"
  while :; do
    screen=$(tmux -L "$socket" capture-pane -p -t bench 2>/dev/null || true)
    if [[ $screen == *"$MARKER"* ]]; then break; fi
    now=$EPOCHREALTIME
    if (( ${now%.*} - ${start%.*} > 20 )); then echo "timeout" ; return; fi
  done
  now=$EPOCHREALTIME
  # Microseconds from the two $EPOCHREALTIME readings (seconds.micros), as ms with 1 decimal.
  local us=$(( (${now%.*} - ${start%.*}) * 1000000 + 10#${now#*.} - 10#${start#*.} ))
  printf '%d.%d\n' $((us / 1000)) $(((us % 1000) / 100))
}

stats() { # prints "median min" of the numbers on stdin
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f\n", m, v[1] }'
}

echo "== opening $GRAPH to the first full frame, tmux 120x40, $RUNS runs each" >&2
PATCHBAY_TIMES=() BASELINE_TIMES=() SPAWNED_SERVERS=""
for ((i = 0; i < RUNS; i++)); do
  socket="${SOCKET_PREFIX}p$i"
  t=$(time_to_marker "$socket" "$BIN/patchbay $GRAPH")
  PATCHBAY_TIMES+=("$t")
  # The graph's llm node must not start the model on open: look for a new model server now.
  pane_pid=$(tmux -L "$socket" display -p -t bench '#{pane_pid}' 2>/dev/null || true)
  children=$( [ -n "$pane_pid" ] && pgrep -P "$pane_pid" 2>/dev/null | tr '\n' ' ' || true)
  new=$(comm -13 <(echo "$BEFORE_SERVERS") <(model_servers) | tr '\n' ' ')
  [ -n "$new$children" ] && SPAWNED_SERVERS+="run $i: model servers [$new] children of patchbay [$children]; "
  tmux -L "$socket" send-keys -t bench q 2>/dev/null || true
  # Wait for the session to end (q quits: no unsaved changes), then make sure the server is gone.
  for _ in $(seq 100); do tmux -L "$socket" has-session -t bench 2>/dev/null || break; sleep 0.02; done
  tmux -L "$socket" kill-server 2>/dev/null || true

  # Baseline: `true` then print the marker, through the same tmux and the same polling.
  socket="${SOCKET_PREFIX}t$i"
  t=$(time_to_marker "$socket" "true; printf '%s' '$MARKER'; sleep 30")
  BASELINE_TIMES+=("$t")
  tmux -L "$socket" kill-server 2>/dev/null || true
done

read -r P_MED P_MIN < <(printf '%s\n' "${PATCHBAY_TIMES[@]}" | grep -v timeout | stats)
read -r B_MED B_MIN < <(printf '%s\n' "${BASELINE_TIMES[@]}" | grep -v timeout | stats)
DIFF=$(awk -v a="$P_MED" -v b="$B_MED" 'BEGIN { printf "%.1f", a - b }')
DIFF_MIN=$(awk -v a="$P_MIN" -v b="$B_MIN" 'BEGIN { printf "%.1f", a - b }')
VERDICT=$(awk -v d="$DIFF" 'BEGIN { print (d < 150) ? "PASS" : "FAIL" }')
echo
echo "| open to first full frame (tmux 120x40) | median | min | runs | target | verdict |"
echo "|---|---|---|---|---|---|"
echo "| patchbay $GRAPH | $P_MED ms | $P_MIN ms | $RUNS | | |"
echo "| tmux baseline (\`true\`, then print the marker) | $B_MED ms | $B_MIN ms | $RUNS | | |"
echo "| difference (the workbench's own start) | $DIFF ms | $DIFF_MIN ms | | < 150 ms | $VERDICT |"
echo
echo "each run (ms): patchbay ${PATCHBAY_TIMES[*]}; baseline ${BASELINE_TIMES[*]}"
if [ -z "$SPAWNED_SERVERS" ]; then
  echo "no model server started while the graph was open (the llm node starts the model only on run)"
else
  echo "WARNING: processes started on open: $SPAWNED_SERVERS"
fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $(nproc) cores"
