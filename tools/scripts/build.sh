#!/usr/bin/env bash
# Configures and builds quotedb. Usage: tools/scripts/build.sh [BUILD_DIR] [extra cmake args]
# Default: build/ in Release; the binary is BUILD_DIR/quotedb.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-build}
shift || true
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
