// Recognising database errors the same way on both dialects.

/** A unique constraint was violated (SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY, PostgreSQL 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const PG_UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: `pg_ctl restart`/stop, failover
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting or shutting down
  '57014', // query_canceled: statement_timeout ran out
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

const PG_UNAVAILABLE_MESSAGES = [
  'Connection terminated', // "… unexpectedly", "… due to connection timeout"
  'timeout exceeded when trying to connect', // the pool's connectionTimeoutMillis
  'Query read timeout', // the client's query_timeout
  'is not queryable', // a client whose connection already failed
  'the database system is', // "… starting up", "… shutting down", "… in recovery mode"
];

const SQLITE_UNAVAILABLE_PREFIXES = [
  'SQLITE_READONLY', // the file or its folder is read-only, or the file system was remounted read-only
  'SQLITE_FULL', // the disk is full
  'SQLITE_IOERR', // a write or fsync failed (disk gone, quota, file-size limit)
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY', // another process kept the write lock past busy_timeout and the retries
  'SQLITE_LOCKED',
  'SQLITE_PROTOCOL',
];

/**
 * The database cannot serve right now, for reasons outside the request: PostgreSQL restarting or
 * unreachable, connections or time run out; SQLite's disk full, read-only or locked. Retrying
 * later can succeed, so the HTTP answer is 503 `database_unavailable`, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (PG_UNAVAILABLE_CODES.has(code)) return true;
    // Classes 08 (connection exception) and 53 (insufficient resources: disk full, out of memory,
    // too many connections).
    if (/^(08|53)[0-9A-Z]{3}$/.test(code)) return true;
    if (SQLITE_UNAVAILABLE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
  }
  return typeof message === 'string' && PG_UNAVAILABLE_MESSAGES.some((text) => message.includes(text));
}
