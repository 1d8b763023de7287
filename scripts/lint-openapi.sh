#!/usr/bin/env bash
# API lint: builds the app in-process (SQLite in memory, nothing listens), writes the document
# GET /api/openapi.json serves to a temporary file and lints it with Redocly (redocly.yaml) and
# Spectral (.spectral.yaml). Any error fails; warnings are printed. Nothing leaves this machine:
# Redocly's telemetry and update check are switched off.
# `scripts/lint-openapi.sh some.json` lints that file instead (the tests use it).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
if [ $# -gt 0 ]; then
  cp "$1" "$dir/openapi.json"
else
  TEST_DB=sqlite npx tsx scripts/dump-openapi.ts "$dir/openapi.json"
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
status=0
echo "-- redocly lint"
npx redocly lint --config redocly.yaml --format=stylish "$dir/openapi.json" || status=1
echo "-- spectral lint"
npx spectral lint --ruleset .spectral.yaml --fail-severity warn "$dir/openapi.json" || status=1
exit "$status"
