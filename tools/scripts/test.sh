#!/usr/bin/env bash
# The README's second command: install what is missing, build, run every test through CTest.
# Exits non-zero on any failure.
#   tools/scripts/test.sh              Release build in build/
#   tools/scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer in build-asan/
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/scripts/deps.sh
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan
  tools/scripts/build.sh "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUOTEDB_SANITIZE=ON -DQUOTEDB_BUILD_BENCH=OFF
  # RocksDB is not instrumented; container-overflow checks give false positives across that line.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_container_overflow=0:abort_on_error=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
else
  dir=build
  tools/scripts/build.sh "$dir"
fi
cd "$dir"
ctest --output-on-failure -j"$(nproc)" --timeout 900
