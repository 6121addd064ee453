#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The MCP integration tests need real servers from PyPI: installed once into .build/mcp-venv.
scripts/install-mcp-servers.sh
swift build --build-tests
# The integration tests need the bundled local model; they fail (not skip) without it. The first
# install compiles llama.cpp (~7 min); pip's cache keeps the wheel, and an installed model returns at once.
"$(swift build --show-bin-path)/patchbay" local install
# One test at a time: the suites start real servers and processes and measure timeouts, and
# 2 cores running them all at once stalled some for 10 s.
swift test --skip-build --no-parallel
