import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dialectOf, openDatabase, sqlitePath } from '../src/database.ts';
import { newId } from '../src/ids.ts';
import { fromJson, toJson } from '../src/json.ts';
import { migrateToLatest } from '../src/migrate.ts';

describe('openDatabase', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('tells the dialect from the URL', () => {
    expect(dialectOf('postgres://u@h/db')).toBe('postgres');
    expect(dialectOf('postgresql://u@h/db')).toBe('postgres');
    expect(dialectOf('file:./data/retour.sqlite')).toBe('sqlite');
    expect(dialectOf(':memory:')).toBe('sqlite');
    expect(() => dialectOf('mysql://u:secret@h/db')).toThrow(/file: or postgres/);
    expect(() => dialectOf('mysql://u:secret@h/db')).not.toThrow(/secret/);
    expect(sqlitePath('file::memory:')).toBe(':memory:');
    expect(sqlitePath('file:/tmp/x/y.sqlite')).toBe('/tmp/x/y.sqlite');
  });

  it('creates the directory of a SQLite file, migrates it and keeps data across reopening', async () => {
    dir = mkdtempSync(join(tmpdir(), 'retour-db-'));
    const url = `file:${join(dir, 'nested', 'deeper', 'retour.sqlite')}`;
    const first = openDatabase(url);
    expect(first.dialect).toBe('sqlite');
    expect(await migrateToLatest(first.db)).toEqual([
      '0001-initial',
      '0002-outbox-by-topic',
      '0003-labels',
      '0004-email-templates',
      '0005-backoffice',
      '0006-integrations',
      '0007-outbox-leases',
      '0008-carrier-accounts',
      '0009-query-plans',
      '0010-user-language',
      '0012-outbox-open-jobs',
      '0013-config-versions',
      '0014-catalogue',
      '0016-return-rules',
      '0017-order-lookups',
      '0018-return-photos',
      '0019-return-expiry',
      '0020-stock-reservations',
      '0021-instant-exchange',
    ]);
    await first.db.insertInto('merchants').values({ id: 'mer_1', name: 'Straße & Łódź', createdAt: '2026-01-01T00:00:00.000Z' }).execute();
    await first.close();
    const second = openDatabase(url);
    expect(await migrateToLatest(second.db)).toEqual([]);
    expect(await second.db.selectFrom('merchants').select('name').execute()).toEqual([{ name: 'Straße & Łódź' }]);
    await second.close();
  });
});

describe('ids and JSON', () => {
  it('makes prefixed, unique, time-ordered ids', () => {
    const id = newId('ret', Date.parse('2026-01-01T00:00:00Z'));
    expect(id).toMatch(/^ret_[0-9a-hjkmnp-tv-z]{26}$/);
    const ids = Array.from({ length: 2000 }, (_, i) => newId('x', 1_700_000_000_000 + i * 37));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(newId('x', 0) < newId('x', 1)).toBe(true);
    expect(newId('x', 2 ** 48 - 2).slice(2, 12) < newId('x', 2 ** 48 - 1).slice(2, 12)).toBe(true);
  });

  it('round-trips JSON text and null', () => {
    const value = { a: [1, null, 'Łódź'], b: { c: true } };
    expect(fromJson(toJson(value))).toEqual(value);
    expect(fromJson(null)).toBeNull();
  });
});
