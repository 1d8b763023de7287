#!/usr/bin/env bash
# Import rules (`npm run lint:circles`, counted in `npm test`): no import circle anywhere (type-only
# imports count), packages/domain imports no other package of Retour and nothing from apps, and
# apps/server use cases never import jobs/ (job handlers are registered in
# apps/server/src/composition.ts). Rules: .dependency-cruiser.cjs. Fails on any violation.
# `scripts/check-circles.sh some/dir …` checks those paths instead (the tests use it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- apps packages e2e scripts bench; fi
npx depcruise --config .dependency-cruiser.cjs --output-type err "$@"
