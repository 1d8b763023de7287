// Fault test, SQLite under several processes: two real `retour serve` processes on ONE SQLite file
// (what `serve` beside `retour worker` or `retour import` does), both creating returns at once
// with several clients each. Only one process can write at a time; the losers wait (busy_timeout,
// then retries) instead of answering SQLITE_BUSY: every creation must succeed, and every return is
// visible from both processes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialect } from '@retour/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { call, expectAllPresent, returnBody, type ServerProcess, seedOrder, startServer } from './support/fault-server.ts';

/** Per process: this many clients, each creating this many returns. */
const LOAD = { clients: 3, returnsPerClient: 25 };

describe.runIf(testDialect() === 'sqlite')('database faults on SQLite: two processes writing one file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'retour-fault-busy-'));
  const servers: ServerProcess[] = [];

  afterAll(async () => {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no SQLITE_BUSY reaches a client: every concurrent creation on both processes answers 201', async () => {
    const databaseUrl = `file:${join(dir, 'retour.sqlite')}`;
    const port = () => 44000 + Math.floor(Math.random() * 8000);
    const first = await startServer(port(), { databaseUrl, cwd: dir });
    servers.push(first);
    const second = await startServer(port(), { databaseUrl, cwd: dir, apiKey: first.apiKey });
    servers.push(second);
    const seed = await seedOrder(first, 2 * LOAD.clients * LOAD.returnsPerClient);

    const created: string[] = [];
    const failures: string[] = [];
    const client = async (server: ServerProcess) => {
      for (let i = 0; i < LOAD.returnsPerClient; i++) {
        const answer = await call(server, 'POST', '/api/v1/returns', returnBody(seed));
        if (answer.status === 201) created.push(answer.body.id);
        else failures.push(`${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };
    await Promise.all([first, second].flatMap((server) => Array.from({ length: LOAD.clients }, () => client(server))));

    expect(failures).toEqual([]);
    expect(created).toHaveLength(2 * LOAD.clients * LOAD.returnsPerClient);
    await expectAllPresent(first, created);
    await expectAllPresent(second, created);
    expect(first.exited()).toBeNull();
    expect(second.exited()).toBeNull();
    expect(`${first.output()}${second.output()}`).not.toMatch(/SQLITE_BUSY|database is locked/);
  }, 120_000);
});
