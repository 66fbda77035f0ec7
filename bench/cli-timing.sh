#!/bin/sh
# CLI wall time including Node start-up: `briefing timeline --json` on the
# seeds, cold (empty database: ingest + analysis + answer) and warm (database
# up to date: the incremental check + answer). Needs `npm run build` and
# hyperfine (apt-get install hyperfine). Writes bench/out/cli-timing.json.
set -eu
cd "$(dirname "$0")/.."
[ -f dist/src/cli/main.js ] || { echo "cli-timing: run 'npm run build' first" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "cli-timing: install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
CORPUS=${1:-seeds}
DB=$(mktemp -d)/cli-timing.db
CLI="node dist/src/cli/main.js timeline --json --corpus $CORPUS --db $DB"
mkdir -p bench/out
hyperfine --warmup 1 --runs ${RUNS:-10} --style basic --export-json bench/out/cli-timing.json \
  --prepare "rm -f $DB $DB-wal $DB-shm" --command-name cold "$CLI" \
  --prepare "true" --command-name warm "$CLI"
rm -f "$DB" "$DB-wal" "$DB-shm"
