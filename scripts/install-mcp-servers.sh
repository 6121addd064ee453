#!/usr/bin/env bash
# Installs the MCP servers the tests and samples use (mcp-server-time, mcp-server-git, from PyPI)
# into .build/mcp-venv, once: a venv whose servers are all there returns at once, so runs after the
# first need no network. The tests find the servers there and fail (not skip) without them.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/mcp-venv
# Pinned, so a test run means the same servers everywhere; `mcp` (the Python SDK) comes with them
# and serves the tests' own fixture servers.
servers=(mcp-server-time==2026.10.19 mcp-server-git==2026.10.19)
if [ -x "$venv/bin/mcp-server-time" ] && [ -x "$venv/bin/mcp-server-git" ] && "$venv/bin/python" -c "import mcp" 2>/dev/null; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "${servers[@]}"
