// `retour serve` on two processes (WEB_CONCURRENCY=2, issue #12 item 6), on the engine under test
// (SQLite in WAL mode, or PostgreSQL): both processes answer on the one port, every job of the
// returns created through them is claimed and run exactly once (one attempt each, one email per
// email job), a process that crashes is started again in its slot, and SIGTERM drains both.
import { get } from 'node:http';
import { openDatabase } from '@retour/db/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReturnOverHttp } from './support/live-server.ts';
import { eventually, type Served, serveDatabase } from './support/serve-process.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';

let served: Served | null = null;
let smtp: TestSmtp;
let env: Awaited<ReturnType<typeof serveDatabase>>;
beforeAll(async () => {
  env = await serveDatabase('processes');
  smtp = await startSmtp();
});
afterAll(async () => {
  if (served && served.child.exitCode === null) await served.kill();
  await smtp.close();
  await env.remove();
});

/** Pids of the processes that logged an incoming request (pino: one JSON line per request). */
function requestPids(output: string): Set<number> {
  const pids = new Set<number>();
  for (const line of output.split('\n')) {
    if (!line.includes('"msg":"request"')) continue;
    const pid = /"pid":(\d+)/.exec(line)?.[1];
    if (pid) pids.add(Number(pid));
  }
  return pids;
}

/** GET /api/health on a new connection each time (the cluster hands connections round-robin). */
async function healthOnNewConnections(base: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const status = await new Promise<number>((resolve, reject) => {
      get(`${base}/api/health`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
    expect(status).toBe(200);
  }
}

async function outbox() {
  const handle = openDatabase(env.databaseUrl);
  try {
    return await handle.db.selectFrom('outbox').selectAll().execute();
  } finally {
    await handle.close();
  }
}

/** Scheduled for days later and not touched yet (the label-unused reminder, due 15 days after creation). */
const dueLater = (r: { doneAt: string | null; attempts: number; availableAt: string }) =>
  r.doneAt === null && r.attempts === 0 && r.availableAt > new Date(Date.now() + 3_600_000).toISOString();

/** Every job due now ends done after exactly one claim, and every email job sent exactly one message. */
async function expectEveryJobRunOnce(): Promise<void> {
  const jobs = await eventually(async () => {
    const rows = await outbox();
    return rows.length > 0 && rows.every((r) => r.doneAt !== null || dueLater(r)) && rows.filter((r) => !dueLater(r));
  }, 'every job due now to be done');
  expect(jobs.filter((j) => j.attempts !== 1).map((j) => `${j.topic} ${j.attempts}`)).toEqual([]);
  expect(jobs.filter((j) => j.deadAt !== null || j.lastError !== null)).toEqual([]);
  const emailJobs = jobs.filter((j) => j.topic.startsWith('email.'));
  expect(emailJobs.length).toBeGreaterThan(0);
  expect(smtp.received.length).toBe(emailJobs.length);
}

describe('retour serve with WEB_CONCURRENCY=2', { timeout: 120_000 }, () => {
  it('serves from both processes, runs every job once, restarts a crashed process and drains both on SIGTERM', {
    timeout: 240_000,
  }, async () => {
    served = await env.serve({ WEB_CONCURRENCY: '2', SMTP_URL: smtp.url, RETOUR_DEMO: '1', SHUTDOWN_TIMEOUT_MS: '5000' });
    await eventually(() => served?.output().includes('(2 processes)'), 'both processes to listen');
    const apiKey = env.apiKey();

    // Returns created at once through both processes.
    const first = await Promise.all(Array.from({ length: 6 }, () => createReturnOverHttp(env.base, apiKey)));
    await healthOnNewConnections(env.base, 4);
    expect(new Set(first).size).toBe(6);
    const pids = requestPids(served.output());
    expect(pids.size, 'requests answered by two processes').toBe(2);
    expect(pids.has(served.child.pid as number), 'the primary serves nothing itself').toBe(false);

    await expectEveryJobRunOnce();

    // A worker crashes (idle, so no job was in its hands): the primary starts it again in its
    // slot, and returns created through both processes again have every job run once.
    const [victim] = [...pids];
    process.kill(victim as number, 'SIGKILL');
    await eventually(
      () => /process \d \(pid \d+\) exited \(SIGKILL\); starting it again/.test(served?.output() ?? ''),
      'the crashed process to be restarted',
    );
    await eventually(() => /process \d \(pid \d+\) is listening again/.test(served?.output() ?? ''), 'the restarted process to listen');
    const second = await Promise.all(Array.from({ length: 4 }, () => createReturnOverHttp(env.base, apiKey)));
    expect(new Set([...first, ...second]).size).toBe(10);
    await healthOnNewConnections(env.base, 4);
    expect([...requestPids(served.output())].filter((pid) => !pids.has(pid)).length, 'the restarted process serves').toBe(1);
    await expectEveryJobRunOnce();
    expect(smtp.received.length).toBeGreaterThanOrEqual(10);

    // SIGTERM to the primary: both workers drain and stop, the primary exits 0.
    expect(await served.stop()).toBe(0);
    const stopped = served.output().match(/"msg":"stopped"/g) ?? [];
    expect(stopped.length).toBe(2);
  });
});
