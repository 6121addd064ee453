#!/usr/bin/env bash
# Installs what is missing, builds Patchbay and the local model, and opens the workbench on a sample graph.
# Usage: scripts/workbench.sh [GRAPH [INPUTS.json]]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The MCP sample needs mcp-server-time: installed once into .build/mcp-venv.
scripts/install-mcp-servers.sh
swift build -c release --product patchbay
# The samples run offline on the bundled model: install it once (compiles llama.cpp, a few minutes).
.build/release/patchbay local install
graph=${1:-sample-graphs/summarize.graph.yaml}
inputs=${2:-${graph%.graph.yaml}.inputs.json}
exec .build/release/patchbay "$graph" --inputs "$inputs"
