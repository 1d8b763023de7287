#!/usr/bin/env bash
# `npm test`: the whole suite. Lint and typecheck, every test on SQLite, then every test that
# touches a database again on a throwaway PostgreSQL. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=.test-output
rm -rf "$OUT" && mkdir -p "$OUT"
checks_failed=0

bash scripts/ensure-system-deps.sh || { echo "Could not install PostgreSQL for the tests." >&2; checks_failed=$((checks_failed + 1)); }

echo "== lint (biome)"
npx biome check . || checks_failed=$((checks_failed + 1))
echo "== typecheck (tsc)"
npx tsc -p . || checks_failed=$((checks_failed + 1))

echo "== tests on SQLite"
TEST_DB=sqlite npx vitest run --reporter=default --reporter=json --outputFile.json="$OUT/sqlite.json"

echo "== tests on PostgreSQL"
TEST_DB=postgres bash scripts/with-postgres.sh \
  npx vitest run packages/db apps/server --reporter=default --reporter=json --outputFile.json="$OUT/postgres.json"

node scripts/summarise-tests.mjs "$checks_failed" "$OUT/sqlite.json" "$OUT/postgres.json"
