#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL on 127.0.0.1 (TEST_DATABASE_URL set), then removes it.
# If TEST_DATABASE_URL is already set, that database is used as it is.
set -euo pipefail
if [ -n "${TEST_DATABASE_URL:-}" ]; then exec "$@"; fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "PostgreSQL is not installed; run scripts/ensure-system-deps.sh" >&2; exit 1; }
PGDIR=$(mktemp -d /tmp/retour-pg.XXXXXX)
PORT=${TEST_PG_PORT:-$((50000 + RANDOM % 10000))}
AS=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGDIR"; AS=(runuser -u postgres --); fi
cleanup() { "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
"${AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
"$@"
