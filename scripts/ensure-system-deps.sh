#!/usr/bin/env bash
# Installs the system packages the tests need (PostgreSQL server) when they are missing.
# Debian/Ubuntu with apt-get; run as root or with passwordless sudo.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
command -v apt-get >/dev/null || { echo "Please install: ${need[*]} (apt-get not found)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
echo "Installing ${need[*]} (apt-get)…" >&2
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >&2
