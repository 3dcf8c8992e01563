#!/usr/bin/env bash
# Builds the libFuzzer targets of tools/fuzz with clang (build-fuzz/, ASan + UBSan) and runs each
# for a bounded time from its seeds in fixtures/fuzz/<target>/. An input that crashes, leaks,
# hangs or breaks a checked promise is saved to fixtures/fuzz/crashes/<target>/ and the script
# exits 1 naming it; commit the file with the fix, and the replay test (tests/fuzz/) keeps it
# fixed. Inputs that only grew coverage stay in build-fuzz/corpus/<target>/.
#
#   tools/scripts/fuzz.sh                    every target, 20 s each
#   tools/scripts/fuzz.sh --seconds 300 warc one target for five minutes
#   FUZZ_SECONDS=60 tools/scripts/fuzz.sh    the same, from the environment
# Reproduce a saved crash: build-fuzz/fuzz/fuzz_<target> fixtures/fuzz/crashes/<target>/<file>
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${FUZZ_SECONDS:-20}
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
all=(text newsplease html warc quotebank statements table extract normalize values)
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

tools/scripts/deps.sh
dir=build-fuzz
jobs=$(nproc); [ "$jobs" -gt 2 ] && jobs=2
CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DQUOTEDB_FUZZ=ON -DQUOTEDB_BUILD_TESTS=OFF -DQUOTEDB_BUILD_BENCH=OFF >/dev/null
cmake --build "$dir" --target quotedb_fuzzers -j"$jobs"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi

failed=()
for t in "${targets[@]}"; do
  bin=$dir/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz: no target $t (known: ${all[*]})" >&2; exit 2; }
  seeds=fixtures/fuzz/$t
  crashes=fixtures/fuzz/crashes/$t
  corpus=$dir/corpus/$t
  mkdir -p "$corpus" "$crashes"
  dict=()
  [ -f "tools/fuzz/dict/$t.dict" ] && dict=("-dict=tools/fuzz/dict/$t.dict")
  log=$dir/fuzz-$t.log
  before=$(ls -A "$crashes" | wc -l)
  echo "fuzz: $t for ${seconds}s (log $log)"
  set +e
  "$bin" "$corpus" "$seeds" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -len_control=200 -print_final_stats=1 \
    -artifact_prefix="$crashes/" >"$log" 2>&1
  rc=$?
  set -e
  after=$(ls -A "$crashes" | wc -l)
  [ "$after" -eq 0 ] && rmdir "$crashes"
  grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$log" | tail -1 | sed "s/^/fuzz: $t: /"
  if [ $rc -ne 0 ] || [ "$after" -gt "$before" ]; then
    echo "FUZZ FAILURE: fuzz_$t exited $rc; new input(s) in $crashes/:" >&2
    ls -t "$crashes" | head -n $((after - before > 0 ? after - before : 1)) | sed "s|^|  $crashes/|" >&2
    grep -m1 -E 'ERROR: |runtime error|fuzz_[a-z]+: ' "$log" >&2 || tail -20 "$log" >&2
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "FUZZ FAILURE: ${failed[*]} (logs in $dir/fuzz-<target>.log; replay: $dir/fuzz/fuzz_<target> FILE)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no crash"
