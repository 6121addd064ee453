#!/usr/bin/env bash
# Style check: swift-format (ships with the toolchain) against .swift-format; any finding fails.
# Fix locally with: swift format -i -r -p Sources Tests Package.swift
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict -r -p Sources Tests Package.swift
