#!/usr/bin/env bash
# Installs the system packages Patchbay builds and tests against (Debian/Ubuntu), only when
# something is missing. Swift itself must already be on PATH.
set -euo pipefail

# libsqlite3-dev: the run store (GRDB); sqlite3 and git: tests read the store file as a stranger would, and make git checkouts to attack. build-essential and python3-dev: pip compiles llama.cpp for the local model; curl: bench-llm.sh. vim-tiny: the workbench's `e` is tested with a real vi.
packages=(libjq-dev libsqlite3-dev sqlite3 libonig-dev libncurses-dev tmux git python3 python3-venv python3-dev build-essential curl vim-tiny)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "error: swift is not on PATH; install Swift 6.x from swift.org first" >&2; exit 2; }
