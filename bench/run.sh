#!/usr/bin/env bash
# Runs the bench on SQLite, then on a throwaway PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx bench/run.ts sqlite
bash scripts/ensure-system-deps.sh
bash scripts/with-postgres.sh npx tsx bench/run.ts postgres
