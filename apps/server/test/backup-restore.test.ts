// Backups as an operator makes them, on real processes. SQLite: `retour backup` runs while a real
// `retour serve` creates returns over HTTP; `retour restore` puts the file back and a server started
// on it has every return acknowledged before the backup began; every refusal has its code.
// PostgreSQL (TEST_DB=postgres): the restore drill from README.md, run line for line with the
// installed pg_dump/pg_restore/psql into a new database of TEST_DATABASE_URL's cluster.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '@retour/db/database';
import { migrateTo, migrationNames } from '@retour/db/migrate';
import { openSqlite } from '@retour/db/sqlite-addon';
import { testDialect } from '@retour/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCliDatabase } from './support/cli-database.ts';
import { createReturnOverHttp, demoApiKey, type LiveServer, missingReturns, runRetour, serveRetour } from './support/live-server.ts';

const LATEST = migrationNames.at(-1) as string;

if (testDialect() === 'sqlite') {
  // Real processes (serve, backup, restore) on a busy 2-core CI machine: generous per-test bounds.
  describe('retour backup / restore on SQLite', { timeout: 120_000 }, () => {
    let dir: string;
    let liveUrl: string;
    let server: LiveServer;
    let apiKey: string;
    let backupFile: string;
    const acknowledged: string[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'retour-backup-'));
      liveUrl = `file:${join(dir, 'data', 'retour.sqlite')}`;
      backupFile = join(dir, 'backups', 'retour-1.sqlite');
      mkdirSync(join(dir, 'backups'));
      server = await serveRetour(liveUrl, dir);
      apiKey = await demoApiKey(server);
    });

    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const fresh = (name: string) => `file:${join(dir, name, 'retour.sqlite')}`;

    it('backs up online while returns are created; the restored copy has every return acknowledged before the backup began', async () => {
      for (let i = 0; i < 12; i++) acknowledged.push(await createReturnOverHttp(server.base, apiKey));
      let backupDone = false;
      const backup = runRetour(['backup', backupFile], liveUrl, dir).finally(() => {
        backupDone = true;
      });
      const during: string[] = [];
      while (!backupDone) during.push(await createReturnOverHttp(server.base, apiKey));
      const result = await backup;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`MB in [\\d.]+ s, integrity ok, schema ${LATEST}`));
      expect(readdirSync(join(dir, 'backups'))).toEqual(['retour-1.sqlite']);

      const restored = await runRetour(['restore', backupFile], fresh('restored'), dir);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('There was no database there before.');
      const second = await serveRetour(fresh('restored'), dir);
      try {
        expect(await missingReturns(second.base, apiKey, acknowledged)).toEqual([]);
        // One snapshot: of the returns created one after another during the backup, it holds a first part, no gaps.
        const gone = await missingReturns(second.base, apiKey, during);
        const kept = during.filter((id) => !gone.includes(id));
        expect(during.slice(0, kept.length)).toEqual(kept);
      } finally {
        await second.stop();
      }
      expect((await fetch(`${server.base}/api/ready`)).status).toBe(200);
    });

    it('does not overwrite an existing backup unless told to with --force', async () => {
      const again = await runRetour(['backup', backupFile], liveUrl, dir);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/^backup_file_exists: .*--force/);
      const forced = await runRetour(['backup', backupFile, '--force'], liveUrl, dir);
      expect(forced.code, forced.stderr).toBe(0);
      const nowhere = await runRetour(['backup', join(dir, 'no-such-folder', 'b.sqlite')], liveUrl, dir);
      expect([nowhere.code, nowhere.stderr.split(':')[0]]).toEqual([2, 'backup_folder_missing']);
      const noDatabase = await runRetour(['backup', join(dir, 'b.sqlite')], fresh('empty'), dir);
      expect([noDatabase.code, noDatabase.stderr.split(':')[0]]).toEqual([2, 'database_not_found']);
      mkdirSync(join(dir, 'junk'));
      writeFileSync(join(dir, 'junk', 'retour.sqlite'), 'not a database\n');
      const junk = await runRetour(['backup', join(dir, 'b.sqlite')], fresh('junk'), dir);
      expect([junk.code, junk.stderr.split(':')[0]]).toEqual([2, 'database_unreadable']);
      expect(existsSync(join(dir, 'b.sqlite'))).toBe(false);
    });

    it('refuses to restore over the database while a server has it open, and leaves it untouched', async () => {
      const refused = await runRetour(['restore', backupFile], liveUrl, dir);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^database_in_use: .*Stop every Retour process/);
      expect(readdirSync(join(dir, 'data')).filter((f) => f.includes('before-restore'))).toEqual([]);
      expect((await fetch(`${server.base}/api/ready`)).status).toBe(200);
      expect(await missingReturns(server.base, apiKey, acknowledged)).toEqual([]);
      acknowledged.push(await createReturnOverHttp(server.base, apiKey));
    });

    it('refuses files that are not Retour backups this build can run, and creates nothing', async () => {
      const notSqlite = join(dir, 'notes.txt');
      writeFileSync(notSqlite, 'not a database\n');
      const other = join(dir, 'other.sqlite');
      const otherDb = openSqlite(other);
      otherDb.exec('create table notes (body text)');
      otherDb.close();
      const future = join(dir, 'future.sqlite');
      copyFileSync(backupFile, future);
      const futureDb = openSqlite(future);
      futureDb
        .prepare('insert into kysely_migration (name, timestamp) values (?, ?)')
        .run('9999-from-the-future', new Date().toISOString());
      futureDb.close();
      const cases: [string, string][] = [
        [join(dir, 'missing.sqlite'), 'backup_file_missing'],
        [notSqlite, 'backup_not_sqlite'],
        [other, 'backup_not_retour'],
        [future, 'backup_newer_than_build'],
      ];
      for (const [file, code] of cases) {
        const r = await runRetour(['restore', file], fresh('refused'), dir);
        expect([file, r.code, r.stderr.split(':')[0]]).toEqual([file, 2, code]);
      }
      expect(existsSync(join(dir, 'refused', 'retour.sqlite'))).toBe(false);
      const usage = await runRetour(['restore'], fresh('refused'), dir);
      expect([usage.code, usage.stderr.split(':')[0]]).toEqual([2, 'usage']);
    });

    it('migrates a backup made by an older Retour up to this build', async () => {
      const old = join(dir, 'old.sqlite');
      const handle = openDatabase(`file:${old}`);
      await migrateTo(handle.db, migrationNames.at(-2) as string);
      await handle.close();
      const r = await runRetour(['restore', old], fresh('upgraded'), dir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`migrated up through ${LATEST}`);
      const db = openSqlite(join(dir, 'upgraded', 'retour.sqlite'), { readonly: true });
      expect(db.prepare('select name from kysely_migration order by name').pluck().all()).toEqual([...migrationNames]);
      db.close();
    });

    it('restores over a stopped server’s database, keeps the file it replaced, and the server starts on the backup', async () => {
      const later = await createReturnOverHttp(server.base, apiKey);
      expect(await server.stop()).toBe(0);
      const r = await runRetour(['restore', backupFile], liveUrl, dir);
      expect(r.code, r.stderr).toBe(0);
      const kept = /kept as (\S+);/.exec(r.stdout)?.[1] as string;
      expect(kept).toMatch(/data\/retour\.sqlite\.before-restore-\d{8}T\d{6}Z$/);
      // `files` is the photo folder (RETOUR_STORAGE_DIR's default, made by the readiness check): not the database's, untouched.
      expect(readdirSync(join(dir, 'data')).sort()).toEqual(['files', 'retour.sqlite', resolve(kept).split('/').at(-1)]);
      const keptDb = openSqlite(kept, { readonly: true });
      expect(keptDb.prepare('select id from returns where id = ?').pluck().get(later)).toBe(later);
      keptDb.close();
      server = await serveRetour(liveUrl, dir);
      // The backup was taken before `later` and before the last acknowledged return of the in-use test.
      expect(await missingReturns(server.base, apiKey, [...acknowledged, later])).toEqual(acknowledged.slice(-1).concat(later));
    });
  });
}

if (testDialect() === 'postgres') {
  describe('PostgreSQL backups', { timeout: 120_000 }, () => {
    const pgBin = () => {
      const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
      return `/usr/lib/postgresql/${versions.at(-1)}/bin`;
    };
    /** The README's drill, exactly as printed there. */
    const drillScript = () => {
      const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
      const block = /```sh\n(# PostgreSQL restore drill[\s\S]*?)```/.exec(readme)?.[1];
      if (!block) throw new Error('README.md has no "# PostgreSQL restore drill" sh block');
      return block;
    };

    it('`retour backup` and `retour restore` refuse and point at pg_dump / pg_restore', async () => {
      const url = process.env.TEST_DATABASE_URL as string;
      const b = await runRetour(['backup', 'x.sqlite'], url, tmpdir());
      expect([b.code, b.stderr.split(':')[0]]).toEqual([2, 'postgres_database']);
      expect(b.stderr).toContain('pg_dump');
      const r = await runRetour(['restore', 'x.sqlite'], url, tmpdir());
      expect([r.code, r.stderr.split(':')[0]]).toEqual([2, 'postgres_database']);
      expect(r.stderr).toContain('pg_restore');
    });

    it('the README restore drill brings every acknowledged return into a new database', async () => {
      const { dir, databaseUrl, remove } = await freshCliDatabase('pgdrill');
      const drillDb = `retour_drill_${Math.random().toString(36).slice(2, 10)}`;
      const drillUrl = Object.assign(new URL(databaseUrl), { pathname: `/${drillDb}` }).toString();
      const live = await serveRetour(databaseUrl, dir);
      let restored: LiveServer | null = null;
      try {
        const apiKey = await demoApiKey(live);
        const acknowledged: string[] = [];
        for (let i = 0; i < 8; i++) acknowledged.push(await createReturnOverHttp(live.base, apiKey));
        const output = execFileSync('bash', ['-euo', 'pipefail', '-c', drillScript()], {
          cwd: dir,
          env: { ...process.env, DATABASE_URL: databaseUrl, DRILL_DB: drillDb, PATH: `${pgBin()}:${process.env.PATH}` },
          encoding: 'utf8',
        });
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        const liveCount = (await client.query('select count(*)::int as n from returns')).rows[0].n as number;
        await client.end();
        expect(liveCount).toBeGreaterThanOrEqual(acknowledged.length);
        expect(output.trim().split('\n').at(-1)).toBe(`returns: ${liveCount}`);
        restored = await serveRetour(drillUrl, dir, { RETOUR_DEMO: '0' });
        expect(await missingReturns(restored.base, apiKey, acknowledged)).toEqual([]);
      } finally {
        await restored?.stop();
        await live.stop();
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        await admin.query(`drop database if exists ${drillDb} with (force)`);
        await admin.end();
        await remove();
      }
    });
  });
}
