#!/usr/bin/env bash
# Label rendering on one core, then the HTTP bench on SQLite and on a throwaway PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx bench/labels.ts
npx tsx bench/run.ts sqlite
npx tsx bench/processes.ts sqlite
bash scripts/ensure-system-deps.sh
bash scripts/with-postgres.sh npx tsx bench/run.ts postgres
