#!/usr/bin/env bash
# Times `quotedb contradictions` on the BBC corpus plus PolNeAR train at 1x and 4x the data,
# to show how the report grows (the target is close to linear: candidates come from one pass
# over the by_prop index, never from comparing all pairs of statements).
#
#   tools/bench/contradictions_bench.sh [build/quotedb] [corpus dir] [scales...]
#   tools/bench/contradictions_bench.sh build/quotedb ../shared/corpus 1 4
#
# Copy k of the corpus has " [copy k]" added to every headline, so each copy is a new article
# with the same statements (what a bigger news archive with syndicated stories looks like).
set -euo pipefail
BIN=$(realpath "${1:-build/quotedb}")
CORPUS=$(realpath "${2:-../shared/corpus}")
shift 2 || true
SCALES=("${@:-1 4}")
[ ${#SCALES[@]} -eq 1 ] && read -r -a SCALES <<< "${SCALES[0]}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qdb-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

MAX=1
for s in "${SCALES[@]}"; do [ "$s" -gt "$MAX" ] && MAX=$s; done
for k in $(seq 1 "$MAX"); do
  for part in bbc polnear/train/text; do
    src="$CORPUS/$part"
    [ -d "$src" ] || { echo "missing $src" >&2; exit 2; }
    dst="$WORK/copy$k/$(echo "$part" | tr / _)"
    mkdir -p "$dst"
    find "$src" -name '*.txt' -print0 | while IFS= read -r -d '' f; do
      rel=${f#"$src"/}
      out="$dst/${rel//\//_}"
      if [ "$k" -eq 1 ]; then cp "$f" "$out"; else sed "1s/\$/ [copy $k]/" "$f" > "$out"; fi
    done
  done
done

printf "%-6s %10s %10s %12s %10s %12s\n" scale articles statements import_s findings report_s
for s in "${SCALES[@]}"; do
  db="$WORK/db$s"
  t0=$(date +%s.%N)
  for k in $(seq 1 "$s"); do "$BIN" -q --db "$db" import "$WORK/copy$k" > /dev/null; done
  t1=$(date +%s.%N)
  stats=$("$BIN" --db "$db" stats --format json)
  arts=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
  stmts=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["statements"])')
  t2=$(date +%s.%N)
  n=$("$BIN" --db "$db" contradictions --format jsonl | wc -l || true)
  t3=$(date +%s.%N)
  printf "%-6s %10s %10s %12.1f %10s %12.2f\n" "${s}x" "$arts" "$stmts" \
    "$(echo "$t1 - $t0" | bc)" "$n" "$(echo "$t3 - $t2" | bc)"
done
