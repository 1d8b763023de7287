// The SQLite connection behind Kysely, made to survive the faults an operator meets.
// - Several processes on one file (`serve` beside `retour worker` or `retour import`): only one can
//   write at a time. Transactions start with BEGIN IMMEDIATE, so a transaction gets the write lock
//   at its start or waits for it — never fails half-way when it first writes (the SQLITE_BUSY a
//   deferred BEGIN gives when a read upgrades to a write). Waiting is SQLite's busy_timeout first,
//   then a few retries with growing pauses that leave the event loop free. Retrying is only safe
//   where nothing has happened yet: BEGIN itself, or a statement outside any transaction.
// - A file opened read-only (permissions, a read-only mount at start) stays read-only for as long
//   as it is open: after SQLITE_READONLY the file is reopened (at most once a second), so writes
//   work again by themselves once it is writable.
// - After SQLITE_FULL or SQLITE_IOERR SQLite has rolled the transaction back already; the
//   original error goes up (a 503), not "cannot rollback - no transaction is active".
import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect, type TransactionSettings } from 'kysely';
import { openSqlite } from './sqlite-addon.ts';

/** SQLite's own wait for a lock, per attempt (blocks the process while it waits). */
export const SQLITE_BUSY_TIMEOUT_MS = 2_000;
/** Pauses between further attempts once busy_timeout ran out; then the error goes up (a 503). */
export const SQLITE_BUSY_RETRY_PAUSES_MS = [50, 100, 200, 400, 800, 1_000, 1_000, 1_000] as const;
const REOPEN_AT_MOST_EVERY_MS = 1_000;

const codeOf = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};
const isBusy = (error: unknown) => codeOf(error).startsWith('SQLITE_BUSY') || codeOf(error).startsWith('SQLITE_LOCKED');

function open(path: string, image?: Buffer): SqliteDatabase.Database {
  const sqlite = openSqlite(image ?? path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -16000');
  sqlite.pragma('temp_store = MEMORY');
  // Planner statistics, as SQLite recommends for long-lived connections: analyse the tables
  // that were never analysed or changed size a lot, sampling at most ~1,000 rows per index so
  // it stays quick on a large database. The hot queries' plans do not depend on it
  // (test/query-plans.test.ts); the rest may. A file that cannot be written now (read-only, full
  // disk, busy) still opens: the statistics wait for the next open or refresh.
  sqlite.pragma('analysis_limit = 1000');
  // An image stands for a database created and migrated in this very open (the tests' copies of one
  // migrated database): like a new file, it has nothing worth analysing yet.
  if (image) return sqlite;
  try {
    sqlite.pragma('optimize = 0x10002');
  } catch {
    // best effort, see above
  }
  return sqlite;
}

/**
 * One SQLite file, reopenable. Kysely prepares every statement anew; better-sqlite3 statements are
 * reusable, so the prepared ones are kept by SQL text (bounded, least recently used out first).
 */
export class SqliteFile {
  private sqlite: SqliteDatabase.Database;
  private readonly cache = new Map<string, SqliteDatabase.Statement>();
  private reopenWanted = false;
  private lastReopen = 0;
  private readonly path: string;
  private readonly cacheSize: number;

  /** `image` (in memory only): start from a copy of a serialized database (tests start from one migrated image). */
  constructor(path: string, cacheSize = 500, image?: Buffer) {
    if (image && path !== ':memory:') throw new Error('a database image can only be opened in memory');
    this.path = path;
    this.cacheSize = cacheSize;
    this.sqlite = open(path, image);
  }

  /** The whole database as one buffer (SQLite's serialization format). */
  serialize(): Buffer {
    return this.sqlite.serialize();
  }

  get inTransaction(): boolean {
    return this.sqlite.inTransaction;
  }

  prepare(sql: string): SqliteDatabase.Statement {
    let statement = this.cache.get(sql);
    if (statement) {
      this.cache.delete(sql);
    } else {
      statement = this.sqlite.prepare(sql);
      if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    }
    this.cache.set(sql, statement);
    return statement;
  }

  close(): void {
    this.sqlite.close();
  }

  /** After an error: a read-only file is reopened before the next statement outside a transaction. */
  noteError(error: unknown): void {
    if (codeOf(error).startsWith('SQLITE_READONLY') && this.path !== ':memory:') this.reopenWanted = true;
  }

  reopenIfWanted(): void {
    if (!this.reopenWanted || this.sqlite.inTransaction || Date.now() - this.lastReopen < REOPEN_AT_MOST_EVERY_MS) return;
    this.lastReopen = Date.now();
    let next: SqliteDatabase.Database;
    try {
      next = open(this.path);
    } catch {
      return; // still unreadable: the next statement fails on the old handle and says why
    }
    this.reopenWanted = false;
    this.cache.clear();
    this.sqlite.close();
    this.sqlite = next;
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class ResilientConnection implements DatabaseConnection {
  private readonly file: SqliteFile;
  readonly inner: DatabaseConnection;

  constructor(file: SqliteFile, inner: DatabaseConnection) {
    this.file = file;
    this.inner = inner;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    for (let i = 0; ; i++) {
      this.file.reopenIfWanted();
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        this.file.noteError(error);
        if (!isBusy(error) || this.file.inTransaction || i >= SQLITE_BUSY_RETRY_PAUSES_MS.length) throw error;
        await pause(SQLITE_BUSY_RETRY_PAUSES_MS[i] as number);
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof ResilientConnection ? connection.inner : connection;
}

class ResilientDriver implements Driver {
  private readonly connections = new WeakMap<DatabaseConnection, ResilientConnection>();
  private readonly file: SqliteFile;
  private readonly inner: Driver;

  constructor(file: SqliteFile, inner: Driver) {
    this.file = file;
    this.inner = inner;
  }
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapped = this.connections.get(connection);
    if (!wrapped) {
      wrapped = new ResilientConnection(this.file, connection);
      this.connections.set(connection, wrapped);
    }
    return wrapped;
  }
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(unwrap(connection));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    if (!this.file.inTransaction) return; // SQLite rolled back already (SQLITE_FULL, SQLITE_IOERR…)
    await this.inner.rollbackTransaction(unwrap(connection));
  }
  savepoint: Driver['savepoint'] = (connection, name, compile) =>
    this.inner.savepoint?.(unwrap(connection), name, compile) as Promise<void>;
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (connection, name, compile) =>
    this.inner.rollbackToSavepoint?.(unwrap(connection), name, compile) as Promise<void>;
  releaseSavepoint: Driver['releaseSavepoint'] = (connection, name, compile) =>
    this.inner.releaseSavepoint?.(unwrap(connection), name, compile) as Promise<void>;
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(unwrap(connection));
  }
  destroy() {
    return this.inner.destroy();
  }
}

/** Kysely's SQLite dialect with BEGIN IMMEDIATE transactions, SQLITE_BUSY retries and reopening. */
export class RetryingSqliteDialect extends SqliteDialect {
  private readonly file: SqliteFile;

  constructor(file: SqliteFile) {
    super({ database: file });
    this.file = file;
  }
  override createDriver(): Driver {
    return new ResilientDriver(this.file, super.createDriver());
  }
}
