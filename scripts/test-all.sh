#!/usr/bin/env bash
# `npm test`: the whole suite. Lint, typecheck, API lint, import rules and build; every test on SQLite (Vitest, then the
# Playwright journeys in Debian's Chromium); then every database-touching test again on a
# throwaway PostgreSQL; then the packages, the server's process tests and a slice of its HTTP tests on Node.js 24
# (scripts/with-node24.sh).
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
OUT="$PWD/.test-output"
rm -rf "$OUT" && mkdir -p "$OUT"
checks_failed=0

bash scripts/ensure-system-deps.sh || { echo "Could not install the system packages the tests need." >&2; checks_failed=$((checks_failed + 1)); }

# Node.js 24 for the last step, fetched and better-sqlite3 compiled for it (~1.5 min of one core) while
# the checks below, mostly single-threaded, leave the other core idle.
(
  started=$(date +%s)
  bash scripts/with-node24.sh true && echo "Node.js 24 prepared in $(($(date +%s) - started)) s"
) >"$OUT/node24-prepare.log" 2>&1 &
node24_prepare=$!

echo "== lint (biome)"
npx biome check . || checks_failed=$((checks_failed + 1))
echo "== typecheck (tsc)"
npm run --silent typecheck || checks_failed=$((checks_failed + 1))
echo "== API lint (Redocly, Spectral)"
bash scripts/lint-openapi.sh || checks_failed=$((checks_failed + 1))
echo "== import circles"
bash scripts/check-circles.sh || checks_failed=$((checks_failed + 1))
echo "== build (web apps)"
# The journeys below use this build (RETOUR_E2E_BUILT); when it fails they build again themselves.
if npm run --silent build; then export RETOUR_E2E_BUILT=1; else checks_failed=$((checks_failed + 1)); fi

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

echo "== tests on Node.js 24 LTS (SQLite): every package; the server's start-up, build, runtimes, processes, shutdown; a slice of HTTP"
# The whole suite again would not fit CI's time; these cover what differs between Node versions: the
# native addon (RETOUR_SQLITE_ADDON, set by with-node24.sh), module loading and type stripping, cluster,
# signals, fetch, crypto and Intl behind the portal and merchant APIs and webhooks, and the pure packages.
wait "$node24_prepare" || echo "Could not prepare Node.js 24 in the background; trying again:" >&2
cat "$OUT/node24-prepare.log" >&2
node24_started=$(date +%s)
TEST_DB=sqlite bash scripts/with-node24.sh npx vitest run packages apps/server/test/smoke.test.ts apps/server/test/cli.test.ts \
  apps/server/test/runtime.test.ts apps/server/test/serve-processes.test.ts apps/server/test/faults-services-shutdown.test.ts \
  apps/server/test/portal-lookup.test.ts apps/server/test/portal-returns.test.ts apps/server/test/portal-localisation.test.ts \
  apps/server/test/merchant-returns.test.ts apps/server/test/merchant-refunds.test.ts apps/server/test/backoffice-session.test.ts \
  apps/server/test/shopify-webhooks.test.ts apps/server/test/webhooks-delivery.test.ts \
  --reporter=default --reporter=json --outputFile.json="$OUT/node24.json"
echo "Node.js 24 step: $(($(date +%s) - node24_started)) s"

node scripts/summarise-tests.mjs "$checks_failed" "$OUT/sqlite.json" "$OUT/e2e-sqlite.json" "$OUT/postgres.json" "$OUT/e2e-postgres.json" "$OUT/node24.json"
