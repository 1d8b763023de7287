// SQLite under several processes (`serve` beside `retour worker` or `retour import` on one file):
// only one can write at a time. Write transactions start with BEGIN IMMEDIATE, so a transaction
// either gets the write lock at its start or waits for it — never fails half-way when it first
// writes (the SQLITE_BUSY a deferred BEGIN gives when a read upgrades to a write). Waiting is
// SQLite's busy_timeout first, then a few retries with growing pauses that leave the event loop
// free. Retrying is only safe where nothing has happened yet: BEGIN itself, or a statement outside
// any transaction (autocommit: a busy statement changed nothing).
import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type TransactionSettings,
} from 'kysely';

/** SQLite's own wait for a lock, per attempt (blocks the process while it waits). */
export const SQLITE_BUSY_TIMEOUT_MS = 2_000;
/** Pauses between further attempts once busy_timeout ran out; then the error goes up (a 503). */
export const SQLITE_BUSY_RETRY_PAUSES_MS = [50, 100, 200, 400, 800, 1_000, 1_000, 1_000] as const;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function retryWhileBusy<T>(sqlite: SqliteDatabase.Database, attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || sqlite.inTransaction || i >= SQLITE_BUSY_RETRY_PAUSES_MS.length) throw error;
      await pause(SQLITE_BUSY_RETRY_PAUSES_MS[i] as number);
    }
  }
}

class RetryingConnection implements DatabaseConnection {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    readonly inner: DatabaseConnection,
  ) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return retryWhileBusy(this.sqlite, () => this.inner.executeQuery<R>(query));
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class RetryingDriver implements Driver {
  private readonly connections = new WeakMap<DatabaseConnection, RetryingConnection>();
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly inner: Driver,
  ) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapped = this.connections.get(connection);
    if (!wrapped) {
      wrapped = new RetryingConnection(this.sqlite, connection);
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
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(unwrap(connection));
  }
  savepoint: Driver['savepoint'] = (connection, name, compile) => this.inner.savepoint?.(unwrap(connection), name, compile) as Promise<void>;
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

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof RetryingConnection ? connection.inner : connection;
}

/** Kysely's SQLite dialect with BEGIN IMMEDIATE transactions and SQLITE_BUSY retries. */
export class RetryingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    database: ConstructorParameters<typeof SqliteDialect>[0]['database'],
  ) {
    super({ database });
  }
  override createDriver(): Driver {
    return new RetryingDriver(this.sqlite, super.createDriver());
  }
}
