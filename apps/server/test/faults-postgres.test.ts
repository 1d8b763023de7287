// Fault test, PostgreSQL: a real `retour serve` on its OWN throwaway cluster (initdb + pg_ctl, so
// restarting it disturbs no other test), PostgreSQL restarted with `pg_ctl restart -m fast` in the
// middle of a bounded load, then stopped outright for a while. The server must never exit, answer
// every request 2xx or 503 `database_unavailable` (never a 500, never a hang), lose no return it
// acknowledged with 201, and become ready again by itself — and its job worker must claim again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialect } from '@retour/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  ANSWER_BOUND_MS,
  call,
  expectUnavailable,
  returnBody,
  type ServerProcess,
  seedOrder,
  startServer,
  waitUntilReady,
} from './support/fault-server.ts';
import { type PgCluster, startPgCluster } from './support/pg-cluster.ts';

/** After PostgreSQL is back, the server is ready again within this (it usually takes under 2 s). */
const RECOVERY_BOUND_MS = 30_000;
/** The load: this many operations at most, by this many concurrent clients, for this long at most. */
const LOAD = { operations: 300, clients: 4, maxMs: 40_000 };

describe.runIf(testDialect() === 'postgres')('database faults on PostgreSQL (real process, own cluster)', () => {
  let pgCluster: PgCluster;
  let server: ServerProcess;
  let workDir: string;

  beforeAll(async () => {
    pgCluster = startPgCluster();
    workDir = mkdtempSync(join(tmpdir(), 'retour-fault-pg-cwd-'));
    server = await startServer(41000 + Math.floor(Math.random() * 8000), { databaseUrl: pgCluster.url, cwd: workDir });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    pgCluster?.remove();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('survives pg_ctl restart under load: every request 2xx or 503 database_unavailable, no acknowledged return lost', async () => {
    const seed = await seedOrder(server, 1000);
    const created: string[] = [];
    const answers: Answer[] = [];
    const started = Date.now();
    let next = 0;
    const client = async () => {
      while (next < LOAD.operations && Date.now() - started < LOAD.maxMs) {
        const n = next++;
        const answer =
          n % 2 === 0 || created.length === 0
            ? await call(server, 'POST', '/api/v1/returns', returnBody(seed))
            : await call(server, 'GET', `/api/v1/returns/${created[n % created.length]}`);
        answers.push(answer);
        if (answer.status === 201) created.push(answer.body.id);
        if (n > 40 && n % 10 === 0) await new Promise((r) => setTimeout(r, 50));
      }
    };
    // Restart in the middle of the load, from outside the server, as an operator would.
    const restart = (async () => {
      while (answers.length < 40) await new Promise((r) => setTimeout(r, 20));
      await pgCluster.restart();
    })();
    await Promise.all([...Array.from({ length: LOAD.clients }, client), restart]);

    expect(server.exited()).toBeNull();
    for (const answer of answers) {
      if (answer.status === 200 || answer.status === 201) continue;
      expectUnavailable(answer);
    }
    // The restart really happened under the server: its pool saw its connections terminated.
    expect(server.output()).toMatch(/terminating connection due to administrator command|Connection terminated/);

    const readyAfter = await waitUntilReady(server, RECOVERY_BOUND_MS);
    for (const id of created) {
      const found = await call(server, 'GET', `/api/v1/returns/${id}`);
      expect(found.status, `acknowledged return ${id}`).toBe(200);
    }
    expect(created.length).toBeGreaterThan(0);
    console.info(
      `pg restart under load: ${answers.length} requests, ${created.length} returns created, ` +
        `${answers.filter((a) => a.status === 503).length} answered 503, ready again after ${readyAfter} ms`,
    );
    expect(server.exited()).toBeNull();
  }, 120_000);

  it('while PostgreSQL is down: 503 database_unavailable with Retry-After, /api/ready not ready; recovers by itself, worker claims again', async () => {
    const seed = await seedOrder(server, 10);
    pgCluster.stop();
    try {
      expectUnavailable(await call(server, 'GET', '/api/ready'));
      expectUnavailable(await call(server, 'POST', '/api/v1/returns', returnBody(seed)));
      expectUnavailable(await call(server, 'GET', '/api/v1/returns?limit=5'));
      const portal = await fetch(`${server.base}/api/portal/demo/lookup?lang=de`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'de' },
        body: JSON.stringify({ orderNumber: '#1001', postalCode: '1016 GV' }),
        signal: AbortSignal.timeout(ANSWER_BOUND_MS),
      });
      expect(portal.status).toBe(503);
      expect(((await portal.json()) as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'database_unavailable',
        message: expect.stringContaining('Datenbank'),
      });
      // Let the job worker loop fail a few times against the dead database.
      await new Promise((r) => setTimeout(r, 1500));
      expect(server.exited()).toBeNull();
    } finally {
      pgCluster.start();
    }
    await waitUntilReady(server, RECOVERY_BOUND_MS);
    const created = await call(server, 'POST', '/api/v1/returns', returnBody(seed));
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    // The worker resumed: the new return's event job (webhooks, shop mirrors) gets done. (The
    // built-in carrier books inside the creation's transaction, so there is no announcement job.)
    const db = new pg.Client({ connectionString: pgCluster.url });
    await db.connect();
    try {
      let doneAt: string | null = null;
      for (let i = 0; i < 120 && !doneAt; i++) {
        const row = await db.query(`select done_at from outbox where topic = 'return.event' and payload like $1`, [`%${created.body.id}%`]);
        doneAt = row.rows[0]?.done_at ?? null;
        if (!doneAt) await new Promise((r) => setTimeout(r, 250));
      }
      expect(doneAt, 'the worker claimed and finished a job after the outage').not.toBeNull();
    } finally {
      await db.end();
    }
    expect(server.exited()).toBeNull();
  }, 120_000);
});
