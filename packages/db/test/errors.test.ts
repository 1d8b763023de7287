// Which database errors mean "the database cannot serve now" (503) rather than a bug (500).
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isUniqueViolation } from '../src/errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('PostgreSQL restarts, failovers, refused or cut connections and timeouts are unavailability', () => {
    for (const code of ['57P01', '57P02', '57P03', '57014', '08006', '08001', '53300', '53100', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Query read timeout',
      'Client has encountered a connection error and is not queryable',
      'the database system is starting up',
    ])
      expect(isDatabaseUnavailable(new Error(message)), message).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
  });

  it('SQLite read-only, full, I/O and lock errors are unavailability', () => {
    for (const code of [
      'SQLITE_READONLY',
      'SQLITE_READONLY_DBMOVED',
      'SQLITE_FULL',
      'SQLITE_IOERR_WRITE',
      'SQLITE_CANTOPEN',
      'SQLITE_BUSY',
    ])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
  });

  it('bugs and bad data are not: constraint violations, syntax errors, plain errors', () => {
    for (const code of ['23505', '23503', '42601', '42P01', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR'])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isUniqueViolation(withCode('23505'))).toBe(true);
  });

  it('a real refused PostgreSQL connection is recognised', async () => {
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres', connectionTimeoutMillis: 2000 });
    const refused = await client.connect().then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(refused)).toBe(true);
  });
});
