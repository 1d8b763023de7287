// Opens the database named by a URL: `file:./path.sqlite` / `:memory:` (SQLite, embedded) or
// `postgres://…` (PostgreSQL). Both speak through Kysely with the same schema and queries.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { RetryingSqliteDialect, SqliteFile } from './sqlite-connection.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything that can run a query: the database itself or an open transaction. */
export type Executor = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: schema to use (created if missing); lets tests isolate themselves. */
  schema?: string;
  poolSize?: number;
  /**
   * Told when a pooled PostgreSQL connection fails while idle (restart, failover, network): the
   * pool drops it and opens a new one on the next query, so this is for logging only. Default:
   * one line on stderr. Without a listener node-postgres would crash the process.
   */
  onConnectionError?: (error: Error) => void;
  /** SQLite `:memory:` only: start from a copy of this serialized database (the test suite's migrated image). */
  sqliteImage?: Buffer;
}

/** Bounds on PostgreSQL so no request waits on a dead or stuck database for ever. */
export const PG_TIMEOUTS = {
  /** Waiting for a pooled connection (or opening a new one) fails after this. */
  connectMs: 5_000,
  /** The server cancels any statement running longer than this (error 57014). */
  statementMs: 20_000,
  /** The client gives up on a query whose answer never comes (a silent network cut). */
  queryMs: 25_000,
} as const;

export function dialectOf(url: string): Dialect {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('file:') || url === ':memory:') return 'sqlite';
  throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${url.split(':')[0]}:…")`);
}

export function sqlitePath(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  return resolve(url.slice('file:'.length));
}

export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  const dialect = dialectOf(url);
  const plugins = [new CamelCasePlugin()];
  if (dialect === 'sqlite') {
    const path = sqlitePath(url);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Kysely<Database>({ dialect: new RetryingSqliteDialect(new SqliteFile(path, undefined, options.sqliteImage)), plugins });
    return { db, dialect, close: () => db.destroy() };
  }
  const settings = [`-c statement_timeout=${PG_TIMEOUTS.statementMs}`, ...(options.schema ? [`-c search_path=${options.schema}`] : [])];
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: PG_TIMEOUTS.connectMs,
    query_timeout: PG_TIMEOUTS.queryMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    options: settings.join(' '),
  });
  const onConnectionError =
    options.onConnectionError ??
    ((error: Error) => process.stderr.write(`retour: a database connection failed (${error.message}); it will be reopened.\n`));
  // An idle pooled connection that dies (`terminating connection due to administrator command`)
  // is reported here; a checked-out one reports on the client. Unlistened, either exits Node.
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => {
    client.on('error', () => {
      // The query in flight (if any) rejects with this error and the pool drops the client on
      // release; nothing more to do here.
    });
    // A query whose answer never came (a silent network cut) leaves the connection stuck behind
    // it: close it, so the pool drops it on release instead of handing it out again.
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise)
        result.catch((error: unknown) => {
          if (error instanceof Error && error.message === 'Query read timeout') client.end().catch(() => {});
        });
      return result;
    };
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  return { db, dialect, close: () => db.destroy() };
}
