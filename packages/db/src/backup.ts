// Online backups and restores of the embedded SQLite database. A backup goes through SQLite's
// backup API (one consistent snapshot, safe while servers read and write in WAL mode), is checked
// (integrity_check, migration version) and only appears under its name once complete. A restore
// checks the file, migrates a copy up to this build's schema, refuses while any process has the
// database open, keeps the replaced file beside it and swaps by rename.
import { chmodSync, closeSync, existsSync, linkSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type SqliteDatabase from 'better-sqlite3';
import { openDatabase } from './database.ts';
import { migrateToLatest, migrationNames } from './migrate.ts';
import { openSqlite } from './sqlite-addon.ts';

export type BackupErrorCode =
  | 'usage'
  | 'invalid_database_url'
  | 'postgres_database'
  | 'in_memory_database'
  | 'database_not_found'
  | 'database_unreadable'
  | 'database_in_use'
  | 'backup_is_database'
  | 'backup_folder_missing'
  | 'backup_file_exists'
  | 'backup_check_failed'
  | 'backup_file_missing'
  | 'backup_not_sqlite'
  | 'backup_corrupt'
  | 'backup_not_retour'
  | 'backup_newer_than_build';

/** A refusal with a stable code and a sentence saying what to do. */
export class BackupError extends Error {
  readonly code: BackupErrorCode;

  constructor(code: BackupErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'BackupError';
  }
}

export interface BackupResult {
  bytes: number;
  milliseconds: number;
  /** Name of the newest migration in the backup. */
  migration: string;
}

export interface RestoreResult {
  /** Where the replaced database was kept, or null when there was none. */
  keptAs: string | null;
  /** Migrations run on the restored copy because the backup was older than this build. */
  migrated: string[];
  migration: string;
}

const SQLITE_HEADER = 'SQLite format 3\0';
/** Pages copied per backup step: all of them, so the copy is one snapshot instead of restarting on every write. */
const ALL_PAGES = 0x7fffffff;

function isSqliteFile(path: string): boolean {
  if (!statSync(path).isFile()) return false;
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

function removeWithCompanions(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

interface Inspection {
  integrity: string;
  migrations: string[];
}

/** integrity_check and the applied migrations of a database file no one else uses. */
function inspect(path: string): Inspection {
  const db = openSqlite(path, { fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const table = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`).get();
    const migrations = table ? (db.prepare('select name from kysely_migration order by name').pluck().all() as string[]) : [];
    return { integrity, migrations };
  } finally {
    db.close();
  }
}

/** Makes a file self-contained: its WAL folded in and the journal mode back to rollback (servers switch to WAL when they open it). */
function settle(path: string): void {
  const db = openSqlite(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

function errorCode(error: unknown): string {
  return String((error as { code?: unknown } | null)?.code ?? '');
}

/**
 * Refuses unless this process alone can lock the database: every open connection in WAL mode
 * (a server, a worker) holds a shared lock, so the exclusive lock needed to leave WAL mode fails
 * at once. On success the WAL is folded into the file, which then stands alone.
 */
function assertNotInUse(path: string): void {
  let db: SqliteDatabase.Database | null = null;
  try {
    db = openSqlite(path, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw Object.assign(new Error(`journal mode stayed ${String(mode)}`), { code: 'SQLITE_BUSY' });
  } catch (error) {
    const code = errorCode(error);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw new BackupError(
        'database_in_use',
        `${path} is open in another process (a running \`retour serve\` or \`retour worker\`). Stop every Retour process that uses it, then restore again.`,
      );
    throw new BackupError(
      'database_unreadable',
      `${path} exists but cannot be read as a SQLite database (${(error as Error).message}). Move it away yourself, then restore again.`,
    );
  } finally {
    db?.close();
  }
}

export async function backupSqlite(databasePath: string, file: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  if (databasePath === ':memory:')
    throw new BackupError('in_memory_database', 'An in-memory database cannot be backed up; set DATABASE_URL to a file: URL.');
  const target = resolve(file);
  if (!existsSync(databasePath))
    throw new BackupError(
      'database_not_found',
      `There is no database at ${databasePath}; check DATABASE_URL (and the folder you run retour in).`,
    );
  if (target === resolve(databasePath))
    throw new BackupError('backup_is_database', 'The backup file is the database itself; name another file.');
  if (!existsSync(dirname(target)))
    throw new BackupError('backup_folder_missing', `The folder ${dirname(target)} does not exist; create it first.`);
  if (existsSync(target) && !options.force)
    throw new BackupError('backup_file_exists', `${target} already exists; name a new file, or add --force to replace it.`);
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  removeWithCompanions(partial);
  const started = performance.now();
  try {
    try {
      const source = openSqlite(databasePath, { fileMustExist: true, timeout: 5000 });
      try {
        await source.backup(partial, { progress: () => ALL_PAGES });
      } finally {
        source.close();
      }
      settle(partial);
    } catch (error) {
      if (!errorCode(error).startsWith('SQLITE_')) throw error;
      throw new BackupError(
        'database_unreadable',
        `${databasePath} cannot be copied as a SQLite database (${(error as Error).message}); check DATABASE_URL and the disk.`,
      );
    }
    const { integrity, migrations } = inspect(partial);
    if (integrity !== 'ok')
      throw new BackupError(
        'backup_check_failed',
        `The copy failed SQLite's integrity check (${integrity}); nothing was written. Check the disk, then try again.`,
      );
    const migration = migrations.at(-1);
    if (!migration)
      throw new BackupError('backup_check_failed', `${databasePath} is not a Retour database (no migrations); check DATABASE_URL.`);
    chmodSync(partial, 0o600); // personal data and sealed credentials: readable by Retour's user only
    if (options.force) renameSync(partial, target);
    else {
      try {
        linkSync(partial, target);
      } catch (error) {
        if (errorCode(error) === 'EEXIST')
          throw new BackupError('backup_file_exists', `${target} appeared meanwhile; name a new file, or add --force.`);
        throw error;
      }
    }
    return { bytes: statSync(target).size, milliseconds: performance.now() - started, migration };
  } finally {
    removeWithCompanions(partial);
  }
}

function timestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export async function restoreSqlite(file: string, databasePath: string, options: { now: Date }): Promise<RestoreResult> {
  if (databasePath === ':memory:')
    throw new BackupError('in_memory_database', 'An in-memory database cannot be restored into; set DATABASE_URL to a file: URL.');
  const source = resolve(file);
  if (!existsSync(source))
    throw new BackupError('backup_file_missing', `There is no file at ${source}; give the path of a file made by \`retour backup\`.`);
  if (!isSqliteFile(source))
    throw new BackupError('backup_not_sqlite', `${source} is not a SQLite database; give a file made by \`retour backup\`.`);
  if (source === resolve(databasePath))
    throw new BackupError('backup_is_database', 'The backup file is the database itself; nothing to restore.');
  if (existsSync(databasePath)) assertNotInUse(databasePath);
  mkdirSync(dirname(databasePath), { recursive: true });
  const incoming = join(dirname(databasePath), `.${basename(databasePath)}.restoring-${process.pid}`);
  removeWithCompanions(incoming);
  try {
    try {
      const backup = openSqlite(source, { fileMustExist: true, readonly: true });
      try {
        await backup.backup(incoming, { progress: () => ALL_PAGES });
      } finally {
        backup.close();
      }
      settle(incoming);
    } catch (error) {
      throw new BackupError('backup_corrupt', `${source} cannot be read as a database (${(error as Error).message}); use another backup.`);
    }
    const { integrity, migrations } = inspect(incoming);
    if (integrity !== 'ok')
      throw new BackupError('backup_corrupt', `${source} fails SQLite's integrity check (${integrity}); use another backup.`);
    if (migrations.length === 0)
      throw new BackupError(
        'backup_not_retour',
        `${source} is a SQLite database but not a Retour one (no migrations); give a file made by \`retour backup\`.`,
      );
    const unknown = migrations.filter((name) => !migrationNames.includes(name));
    if (unknown.length > 0)
      throw new BackupError(
        'backup_newer_than_build',
        `${source} comes from a newer Retour (migration ${unknown.join(', ')} is unknown to this build); upgrade Retour first, then restore.`,
      );
    let migrated: string[] = [];
    if (migrations.length < migrationNames.length) {
      const handle = openDatabase(`file:${incoming}`);
      try {
        migrated = await migrateToLatest(handle.db);
      } finally {
        await handle.close();
      }
      settle(incoming);
    }
    // Checked again right before the swap: a server started meanwhile must not lose its file.
    let keptAs: string | null = null;
    if (existsSync(databasePath)) {
      assertNotInUse(databasePath);
      keptAs = `${databasePath}.before-restore-${timestamp(options.now)}`;
      linkSync(databasePath, keptAs);
      for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${databasePath}${suffix}`, { force: true });
    }
    renameSync(incoming, databasePath);
    return { keptAs, migrated, migration: migrationNames.at(-1) as string };
  } finally {
    removeWithCompanions(incoming);
  }
}
