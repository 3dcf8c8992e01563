#!/usr/bin/env bash
# Load test of `quotedb serve` on loopback with wrk (Debian package wrk), bounded in time:
# requests per second and latency percentiles for GET /api/quotes?speaker=..., and a check
# that every response was a 200.
#
#   tools/bench/load_serve.sh [build/quotedb] [corpus dir] [seconds] [connections]
#   tools/bench/load_serve.sh build/quotedb ../shared/corpus/bbc 10 8
#
# The database is built in a temporary directory from the corpus (plain text files), the
# server is started with --port 0 and stopped at the end. Exit 1 on any error or non-200.
set -euo pipefail
BIN=$(realpath "${1:-build/quotedb}")
CORPUS=$(realpath "${2:-../shared/corpus/bbc}")
SECONDS_RUN=${3:-10}
CONNS=${4:-8}
THREADS=2
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qdb-load.XXXXXX")
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" --db "$WORK/db" --quiet import "$CORPUS" >/dev/null
"$BIN" --db "$WORK/db" stats --format json | tr -d '\n' && echo
# The most quoted speaker: the heaviest /api/quotes?speaker= page.
SPEAKER=$("$BIN" --db "$WORK/db" speakers --limit 1 --format jsonl | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')
ENC=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$SPEAKER")

"$BIN" --db "$WORK/db" serve --port 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER_PID=$!
PORT=
for _ in $(seq 1 100); do
  PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/serve.out")
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { echo "server did not start" >&2; cat "$WORK/serve.err" >&2; exit 2; }
URL="http://127.0.0.1:$PORT/api/quotes?speaker=$ENC&limit=50"
echo "speaker: $SPEAKER"
echo "url: $URL"
curl -sf "$URL" | python3 -c 'import json,sys; j=json.load(sys.stdin); print("statements on the page:", j["count"])'

wrk -t"$THREADS" -c"$CONNS" -d"${SECONDS_RUN}s" --latency "$URL" | tee "$WORK/wrk.txt"
if grep -qE "Non-2xx|Socket errors" "$WORK/wrk.txt"; then
  echo "FAIL: errors or non-200 responses" >&2
  exit 1
fi
echo "OK: no errors"
