#!/usr/bin/env bash
# Label rendering on one core, then the HTTP bench on SQLite and on a throwaway PostgreSQL, then the
# server's memory under import and lookup load (bench/memory.ts, on the build) on both.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx bench/labels.ts
npx tsx bench/run.ts sqlite
npx tsx bench/processes.ts sqlite
bash scripts/ensure-system-deps.sh
bash scripts/with-postgres.sh npx tsx bench/run.ts postgres
npm run --silent build:server
RETOUR_MAX_MEMORY_MB=256 npx tsx bench/memory.ts sqlite
RETOUR_MAX_MEMORY_MB=256 bash scripts/with-postgres.sh npx tsx bench/memory.ts postgres
