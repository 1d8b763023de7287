// Fault test, PostgreSQL behind a network that silently stops delivering (a cut link, a failover
// that black-holes packets): nothing is refused or reset, answers just never come. The real
// `retour serve` reaches its own cluster through a TCP relay on 127.0.0.1 that the test freezes.
// Every request must still be answered — 503 `database_unavailable`, within the pool's connect
// timeout or the query timeout — the process never exits, and once the network delivers again the
// server is ready by itself (the connections stuck behind lost answers are closed, not reused).
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_TIMEOUTS } from '@retour/db/database';
import { testDialect } from '@retour/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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

/** A relay to PostgreSQL that can stop delivering bytes both ways (dropping them) without closing. */
function relay(target: number): Promise<{ port: number; freeze: (on: boolean) => void; close: () => void }> {
  let frozen = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (d) => frozen || upstream.write(d));
    upstream.on('data', (d) => frozen || client.write(d));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        freeze: (on) => {
          frozen = on;
        },
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    ),
  );
}

describe.runIf(testDialect() === 'postgres')('database faults on PostgreSQL: a network that stops delivering', () => {
  let pgCluster: PgCluster;
  let net: Awaited<ReturnType<typeof relay>>;
  let server: ServerProcess;
  let workDir: string;

  beforeAll(async () => {
    pgCluster = startPgCluster();
    net = await relay(pgCluster.port);
    workDir = mkdtempSync(join(tmpdir(), 'retour-fault-net-'));
    const databaseUrl = `postgres://postgres@127.0.0.1:${net.port}/postgres`;
    server = await startServer(45000 + Math.floor(Math.random() * 4000), { databaseUrl, cwd: workDir });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    net?.close();
    pgCluster?.remove();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('no request hangs: 503 database_unavailable within the timeouts; ready again once packets flow', async () => {
    const seed = await seedOrder(server, 100);
    expect((await call(server, 'POST', '/api/v1/returns', returnBody(seed))).status).toBe(201);

    net.freeze(true);
    // Readiness answers within its own ping bound; the writes and reads within the query timeout
    // (a pooled connection sent its query into the void) or the connect timeout (none free).
    const bound = PG_TIMEOUTS.queryMs + ANSWER_BOUND_MS;
    const answers = await Promise.all([
      call(server, 'GET', '/api/ready'),
      ...Array.from({ length: 3 }, () => call(server, 'POST', '/api/v1/returns', returnBody(seed), bound)),
      call(server, 'GET', `/api/v1/orders/${seed.orderId}`, undefined, bound),
    ]);
    for (const answer of answers) expectUnavailable(answer);
    expect(server.exited()).toBeNull();

    net.freeze(false);
    await waitUntilReady(server, 30_000);
    // No pooled connection is left stuck behind an answer that was lost: every request works.
    const after = await Promise.all(Array.from({ length: 12 }, () => call(server, 'POST', '/api/v1/returns', returnBody(seed))));
    for (const answer of after) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(server.exited()).toBeNull();
  }, 120_000);
});
