// RETOUR_SQLITE_ADDON (issue #12 item 7): the better-sqlite3 addon it names is the one the process
// loads — read from /proc/self/maps, the files the process has mapped — and a wrong one is refused
// with a sentence saying what to do. scripts/with-node24.sh relies on it to run the suite on
// Node 24 beside the Node 20 build in node_modules, so in that step the installed addon must never
// be mapped at all.
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/database.ts';
import { openSqlite, sqliteAddonPath } from '../src/sqlite-addon.ts';

const INSTALLED = realpathSync(
  join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build/Release/better_sqlite3.node'),
);
const GIVEN = process.env.RETOUR_SQLITE_ADDON;
const dir = mkdtempSync(join(tmpdir(), 'retour-sqlite-addon-'));
const mapped = () => readFileSync('/proc/self/maps', 'utf8');

afterEach(() => {
  if (GIVEN === undefined) delete process.env.RETOUR_SQLITE_ADDON;
  else process.env.RETOUR_SQLITE_ADDON = GIVEN;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the better-sqlite3 addon', () => {
  it('is the one RETOUR_SQLITE_ADDON names when the process starts with it, else the installed one', async () => {
    const handle = openDatabase(':memory:');
    try {
      await handle.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    } finally {
      await handle.close();
    }
    if (GIVEN) {
      expect(mapped()).toContain(realpathSync(GIVEN));
      expect(mapped(), 'the installed addon is built for another Node.js').not.toContain(INSTALLED);
    } else {
      expect(mapped()).toContain(INSTALLED);
    }
  });

  it('is loaded from the file RETOUR_SQLITE_ADDON names, and serves queries', () => {
    const copy = join(dir, 'better_sqlite3.node');
    copyFileSync(GIVEN ?? INSTALLED, copy);
    process.env.RETOUR_SQLITE_ADDON = copy;
    expect(mapped()).not.toContain(copy);
    const db = openSqlite(':memory:');
    try {
      expect(db.prepare('select 40 + 2 as answer').get()).toEqual({ answer: 42 });
    } finally {
      db.close();
    }
    expect(sqliteAddonPath()).toBe(copy);
    expect(mapped()).toContain(copy);
  });

  it('refuses a file that does not exist, saying what to do', () => {
    process.env.RETOUR_SQLITE_ADDON = join(dir, 'missing.node');
    expect(() => openSqlite(':memory:')).toThrow(/RETOUR_SQLITE_ADDON names .*missing\.node, which does not exist.*unset it/);
  });

  it('refuses a file this Node.js cannot load, naming its ABI', () => {
    writeFileSync(join(dir, 'not-an-addon.node'), 'not a shared library');
    process.env.RETOUR_SQLITE_ADDON = join(dir, 'not-an-addon.node');
    expect(() => openSqlite(':memory:')).toThrow(
      new RegExp(
        `not-an-addon\\.node, which Node\\.js ${process.version} \\(NODE_MODULE_VERSION ${process.versions.modules}\\) cannot load`,
      ),
    );
  });
});
