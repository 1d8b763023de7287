#!/usr/bin/env bash
# Installs the system packages the tests need when they are missing: PostgreSQL (server),
# poppler-utils (pdftoppm, pdftotext) and zbar-tools (zbarimg) to read labels as a scanner would,
# and Debian's Chromium for the browser journeys (no test tool downloads a browser of its own).
# Debian/Ubuntu with apt-get; run as root or with passwordless sudo.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
command -v apt-get >/dev/null || { echo "Please install: ${need[*]} (apt-get not found)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
echo "Installing ${need[*]} (apt-get)…" >&2
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >&2
