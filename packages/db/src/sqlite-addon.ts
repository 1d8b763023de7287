// Every better-sqlite3 database handle is made here, so that its native addon can be chosen.
// The addon (better_sqlite3.node) is compiled for one Node.js ABI (Node 20: 115, 22: 127, 24: 137).
// Normally it is the one npm built in node_modules/better-sqlite3 for the Node.js that ran
// `npm ci`. RETOUR_SQLITE_ADDON names another build of it — a better_sqlite3.node compiled for
// the Node.js running now (scripts/with-node24.sh sets it to the one it compiled for Node 24) —
// handed to better-sqlite3 through its documented `nativeBinding` option. So one node_modules
// serves two Node versions at once, and no installed file is ever replaced.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

const load = createRequire(import.meta.url);
let checked: { value: string; path: string | undefined } | null = null;

/** The addon RETOUR_SQLITE_ADDON names (loaded once, so a wrong one fails with a clear sentence), or undefined. */
export function sqliteAddonPath(): string | undefined {
  const value = process.env.RETOUR_SQLITE_ADDON?.trim() ?? '';
  if (checked?.value === value) return checked.path;
  let path: string | undefined;
  if (value) {
    path = resolve(value);
    const runtime = `Node.js ${process.version} (NODE_MODULE_VERSION ${process.versions.modules})`;
    if (!existsSync(path))
      throw new Error(
        `RETOUR_SQLITE_ADDON names ${path}, which does not exist. Point it at a better_sqlite3.node compiled for ${runtime}, or unset it to use the one in node_modules.`,
      );
    try {
      load(path);
    } catch (error) {
      throw new Error(
        `RETOUR_SQLITE_ADDON names ${path}, which ${runtime} cannot load (${(error as Error).message.split('\n').join(' ')}). Compile better-sqlite3 for this Node.js (see scripts/with-node24.sh), or unset it to use the one in node_modules.`,
      );
    }
  }
  checked = { value, path };
  return path;
}

/** A better-sqlite3 handle on a file (or a serialized database), with the addon RETOUR_SQLITE_ADDON names if any. */
export function openSqlite(file: string | Buffer, options: SqliteDatabase.Options = {}): SqliteDatabase.Database {
  const nativeBinding = sqliteAddonPath();
  return new SqliteDatabase(file, nativeBinding ? { ...options, nativeBinding } : options);
}
