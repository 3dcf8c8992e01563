#!/usr/bin/env bash
# The README's first command: install what is missing, build, import the bundled fixtures into
# a fresh database, then show a who-said lookup, the speakers found, and a contradiction report.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/scripts/deps.sh
tools/scripts/build.sh build
db=$(mktemp -d)/quotedb-demo
q() { echo; echo "\$ quotedb $*"; build/quotedb --db "$db" "$@" || true; }
q import fixtures/articles fixtures/claims fixtures/crosscheck
q who-said "if the weather holds" --format table
q quotes --speaker Wielgosz --format table
q speakers --format table
if build/quotedb contradictions --help >/dev/null 2>&1; then
  q contradictions --format table
fi
echo
echo "database left at $db"
