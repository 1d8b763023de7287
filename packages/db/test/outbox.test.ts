import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/database.ts';
import { migrateToLatest } from '../src/migrate.ts';
import { newId } from '../src/ids.ts';
import {
  claimJobs,
  completeJob,
  enqueue,
  failJob,
  getJob,
  listOpenJobs,
  type OutboxJob,
  pendingJobs,
  releaseJob,
  releaseWorkerLeases,
  retryJob,
} from '../src/repos/outbox.ts';
import { openTestDatabase, type TestDatabaseHandle, testDialect } from '../src/testing.ts';
import { at, countRows } from './helpers.ts';

const M = 'mer_outbox';
const SECOND = 1000;

describe('outbox', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
  });
  afterEach(async () => h.close());

  const job = (
    over: {
      id?: string;
      topic?: string;
      dedupeKey?: string | null;
      at?: string;
      merchantId?: string;
      payload?: Record<string, unknown>;
    } = {},
  ) => ({
    merchantId: over.merchantId ?? M,
    id: over.id ?? newId('job'),
    topic: over.topic ?? 'carrier.announce',
    payload: over.payload ?? { returnId: 'ret_1' },
    dedupeKey: over.dedupeKey === undefined ? null : over.dedupeKey,
    at: over.at ?? at(),
  });
  const claim = (now: number, over: { topics?: string[]; limit?: number; leaseMs?: number; onlyId?: string } = {}) =>
    claimJobs(h.db, h.dialect, {
      topics: over.topics ?? ['carrier.announce'],
      limit: over.limit ?? 10,
      now: at(now),
      leaseUntil: at(now + (over.leaseMs ?? 60 * SECOND)),
      ...(over.onlyId ? { only: { merchantId: M, id: over.onlyId } } : {}),
    });

  it('stores one job for a repeated dedupe key; jobs without a key never collide', async () => {
    const first = job({ dedupeKey: 'announce:ret_1', payload: { returnId: 'ret_1', n: 'Łódź' } });
    await enqueue(h.db, first);
    await enqueue(h.db, job({ dedupeKey: 'announce:ret_1', payload: { returnId: 'other' } }));
    await h.db.transaction().execute(async (tx) => enqueue(tx, job({ dedupeKey: 'announce:ret_1' })));
    await enqueue(h.db, job({ merchantId: 'mer_other', dedupeKey: 'announce:ret_1' }));
    await enqueue(h.db, job());
    await enqueue(h.db, job());
    const pending = await pendingJobs(h.db, M);
    expect(pending).toHaveLength(3);
    expect(pending.filter((j) => j.dedupeKey === 'announce:ret_1')).toEqual([
      {
        merchantId: M,
        id: first.id,
        topic: 'carrier.announce',
        payload: { returnId: 'ret_1', n: 'Łódź' },
        dedupeKey: 'announce:ret_1',
        createdAt: at(),
        availableAt: at(),
        attempts: 0,
        lockedUntil: null,
        lockedBy: null,
        lastError: null,
        doneAt: null,
        deadAt: null,
      },
    ]);
    expect(await countRows(h.db, 'outbox')).toBe(4);
  });

  it('leases claimed jobs: nothing for a second claimer until the lease expires, then attempts + 1', async () => {
    const j = job();
    await enqueue(h.db, j);
    const [claimed, ...rest] = await claim(0);
    expect(rest).toEqual([]);
    expect(claimed).toMatchObject({ id: j.id, attempts: 1, lockedUntil: at(60 * SECOND), payload: { returnId: 'ret_1' } });
    expect(await claim(0)).toEqual([]);
    expect(await claim(30 * SECOND)).toEqual([]);
    expect(await claim(60 * SECOND)).toEqual([]); // still leased at the exact expiry instant
    const [again] = await claim(61 * SECOND);
    expect(again).toMatchObject({ id: j.id, attempts: 2, lockedUntil: at(121 * SECOND) });
  });

  it('claims only due jobs of the asked topics, oldest first, up to the limit', async () => {
    const a = job({ at: at(2 * SECOND) });
    const b = job({ at: at(1 * SECOND) });
    const later = job({ at: at(60 * SECOND) });
    const email = job({ topic: 'email.new_return' });
    const c = job({ at: at(3 * SECOND) });
    for (const x of [a, b, later, email, c]) await enqueue(h.db, x);
    expect((await claim(10 * SECOND, { limit: 2 })).map((x) => x.id)).toEqual([b.id, a.id]);
    expect((await claim(10 * SECOND, { limit: 5 })).map((x) => x.id)).toEqual([c.id]);
    expect(await claim(10 * SECOND)).toEqual([]);
    expect((await claim(60 * SECOND)).map((x) => x.id)).toEqual([later.id]);
    expect((await claim(60 * SECOND, { topics: ['email.new_return', 'email.label_created'] })).map((x) => x.id)).toEqual([email.id]);
  });

  it('claims a single job by id', async () => {
    const a = job();
    const b = job();
    await enqueue(h.db, a);
    await enqueue(h.db, b);
    expect((await claim(0, { onlyId: b.id })).map((x) => x.id)).toEqual([b.id]);
    expect(await claim(0, { onlyId: b.id })).toEqual([]);
    expect((await claim(0)).map((x) => x.id)).toEqual([a.id]);
  });

  it('completeJob finishes a job for good', async () => {
    const j = job();
    await enqueue(h.db, j);
    await claim(0);
    await completeJob(h.db, M, j.id, at(5 * SECOND));
    expect(await pendingJobs(h.db, M)).toEqual([]);
    expect(await claim(3600 * SECOND)).toEqual([]);
    const row = await h.db.selectFrom('outbox').selectAll().where('id', '=', j.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ doneAt: at(5 * SECOND), lockedUntil: null, lastError: null, attempts: 1 });
  });

  it('failJob releases the lease, keeps the error and moves the job to its retry time', async () => {
    const j = job();
    await enqueue(h.db, j);
    await claim(0);
    await failJob(h.db, M, j.id, 'carrier down: Łódź', at(4 * SECOND));
    const [pending] = await pendingJobs(h.db, M);
    expect(pending).toMatchObject({
      availableAt: at(4 * SECOND),
      lastError: 'carrier down: Łódź',
      lockedUntil: null,
      attempts: 1,
      doneAt: null,
    });
    expect(await claim(3 * SECOND)).toEqual([]);
    const [retried] = await claim(4 * SECOND);
    expect(retried).toMatchObject({ id: j.id, attempts: 2, lastError: 'carrier down: Łódź' });
    await failJob(h.db, M, j.id, 'x'.repeat(5000), at(10 * SECOND));
    const [long] = await pendingJobs(h.db, M);
    expect(long?.lastError).toHaveLength(2000);
    await claim(10 * SECOND);
    await completeJob(h.db, M, j.id, at(11 * SECOND));
    const done = await h.db.selectFrom('outbox').selectAll().where('id', '=', j.id).executeTakeFirstOrThrow();
    expect(done).toMatchObject({ doneAt: at(11 * SECOND), lastError: null, attempts: 3 });
  });

  it('a worker whose lease ran out cannot complete or fail the job its successor holds', async () => {
    const j = job();
    await enqueue(h.db, j);
    const [first] = await claim(0, { leaseMs: 60 * SECOND });
    const [second] = await claim(61 * SECOND, { leaseMs: 60 * SECOND });
    expect(second?.id).toBe(j.id);
    expect(await failJob(h.db, M, j.id, 'late failure', at(62 * SECOND), first?.lockedUntil)).toBe(false);
    expect(await completeJob(h.db, M, j.id, at(62 * SECOND), first?.lockedUntil)).toBe(false);
    const [still] = await pendingJobs(h.db, M);
    expect(still).toMatchObject({ lockedUntil: second?.lockedUntil, lastError: null, doneAt: null });
    expect(await completeJob(h.db, M, j.id, at(63 * SECOND), second?.lockedUntil)).toBe(true);
    expect(await pendingJobs(h.db, M)).toEqual([]);
  });

  it('a dead job is never claimed, is listed as dead with its error, and a retry brings it back with fresh attempts', async () => {
    const dead = job();
    const waiting = job();
    await enqueue(h.db, dead);
    await enqueue(h.db, waiting);
    const [claimed] = await claim(0, { onlyId: dead.id });
    expect(await failJob(h.db, M, dead.id, 'carrier said no', at(SECOND), claimed?.lockedUntil, at(0))).toBe(true);
    expect((await claim(10 * SECOND)).map((j) => j.id)).toEqual([waiting.id]);
    expect((await listOpenJobs(h.db, M, 'dead', 10)).map((j) => [j.id, j.lastError, j.deadAt])).toEqual([
      [dead.id, 'carrier said no', at(0)],
    ]);
    expect((await listOpenJobs(h.db, M, 'waiting', 10)).map((j) => j.id)).toEqual([waiting.id]);
    expect(await listOpenJobs(h.db, 'mer_other', 'dead', 10)).toEqual([]);
    // The waiting one is running under a live lease: a retry cannot touch it.
    expect(await retryJob(h.db, M, waiting.id, at(20 * SECOND))).toBe(false);
    expect(await retryJob(h.db, 'mer_other', dead.id, at(20 * SECOND))).toBe(false);
    expect(await retryJob(h.db, M, dead.id, at(20 * SECOND))).toBe(true);
    expect(await getJob(h.db, M, dead.id)).toMatchObject({
      deadAt: null,
      attempts: 0,
      availableAt: at(20 * SECOND),
      lastError: 'carrier said no',
    });
    expect((await claim(20 * SECOND)).map((j) => [j.id, j.attempts])).toEqual([[dead.id, 1]]);
  });

  it("releaseWorkerLeases frees only the given worker's leases; releaseJob gives the attempt back", async () => {
    const mine = job();
    const theirs = job();
    await enqueue(h.db, mine);
    await enqueue(h.db, theirs);
    const lease = at(60 * SECOND);
    await claimJobs(h.db, h.dialect, {
      topics: ['carrier.announce'],
      limit: 1,
      now: at(0),
      leaseUntil: lease,
      workerId: 'host:a',
      only: { merchantId: M, id: mine.id },
    });
    await claimJobs(h.db, h.dialect, {
      topics: ['carrier.announce'],
      limit: 1,
      now: at(0),
      leaseUntil: lease,
      workerId: 'host:b',
      only: { merchantId: M, id: theirs.id },
    });
    expect(await claim(SECOND)).toEqual([]);
    expect(await releaseWorkerLeases(h.db, 'host:a')).toBe(1);
    const again = await claim(SECOND);
    expect(again.map((j) => [j.id, j.attempts])).toEqual([[mine.id, 2]]);
    expect(await releaseJob(h.db, M, mine.id, again[0]?.lockedUntil ?? null)).toBe(true);
    expect(await getJob(h.db, M, mine.id)).toMatchObject({ attempts: 1, lockedUntil: null, lockedBy: null });
    expect(await getJob(h.db, M, theirs.id)).toMatchObject({ lockedBy: 'host:b', lockedUntil: lease });
  });

  it('pendingJobs filters by merchant and topic prefix', async () => {
    await enqueue(h.db, job({ topic: 'email.new_return' }));
    await enqueue(h.db, job({ topic: 'email.label_created', at: at(1) }));
    await enqueue(h.db, job({ topic: 'carrier.announce' }));
    await enqueue(h.db, job({ topic: 'email.new_return', merchantId: 'mer_other' }));
    expect((await pendingJobs(h.db, M, 'email.')).map((j: OutboxJob) => j.topic)).toEqual(['email.new_return', 'email.label_created']);
    expect(await pendingJobs(h.db, M)).toHaveLength(3);
  });

  // Two handles on the same data: two PostgreSQL pools on the test schema, or two SQLite
  // connections to one file (WAL), racing to claim the same queue.
  describe('concurrent claimers on separate connections', () => {
    let one: DatabaseHandle;
    let two: DatabaseHandle;
    let dir: string | null = null;
    beforeEach(async () => {
      if (h.dialect === 'postgres') {
        one = h;
        two = h.reopen();
      } else {
        dir = mkdtempSync(join(tmpdir(), 'retour-outbox-'));
        one = openDatabase(`file:${join(dir, 'db.sqlite')}`);
        await migrateToLatest(one.db);
        two = openDatabase(`file:${join(dir, 'db.sqlite')}`);
      }
    });
    afterEach(async () => {
      await two.close();
      if (one !== h) await one.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    });

    const drainBoth = async (inTransaction: boolean) => {
      const claimedBy: [string[], string[]] = [[], []];
      const worker = async (handle: DatabaseHandle, into: string[]) => {
        const workerId = handle === one ? 'one' : 'two';
        for (;;) {
          const opts = { topics: ['carrier.announce'], limit: 7, now: at(0), leaseUntil: at(60 * SECOND), workerId };
          const got = inTransaction
            ? await handle.db.transaction().execute((tx) => claimJobs(tx, handle.dialect, opts))
            : await claimJobs(handle.db, handle.dialect, opts);
          if (got.length === 0) {
            // Losing a race also returns nothing; stop only once every job has been claimed.
            const left = await handle.db.selectFrom('outbox').select('id').where('lockedUntil', 'is', null).limit(1).execute();
            if (left.length === 0) return;
          }
          into.push(...got.map((g) => g.id));
        }
      };
      await Promise.all([worker(one, claimedBy[0]), worker(two, claimedBy[1]), worker(one, claimedBy[0]), worker(two, claimedBy[1])]);
      return claimedBy;
    };

    // SQLite has one writer at a time and runs one in-process worker, so only PostgreSQL
    // workers claim inside their own transactions (FOR UPDATE SKIP LOCKED).
    for (const inTransaction of testDialect() === 'postgres' ? [false, true] : [false]) {
      it(`never hands the same job to two claimers (${inTransaction ? 'in transactions' : 'autocommit'})`, async () => {
        const ids = Array.from({ length: 300 }, () => newId('job'));
        for (let i = 0; i < ids.length; i += 100) {
          await one.db
            .insertInto('outbox')
            .values(
              ids.slice(i, i + 100).map((id) => ({
                merchantId: M,
                id,
                topic: 'carrier.announce',
                payload: '{}',
                dedupeKey: null,
                createdAt: at(),
                availableAt: at(),
                attempts: 0,
                lockedUntil: null,
                lockedBy: null,
                lastError: null,
                doneAt: null,
                deadAt: null,
              })),
            )
            .execute();
        }
        // The second handle really sees the same data.
        expect(await countRows(two.db, 'outbox')).toBe(300);
        const [a, b] = await drainBoth(inTransaction);
        const all = [...a, ...b];
        expect(new Set(all).size).toBe(all.length);
        expect(new Set(all)).toEqual(new Set(ids));
        expect(a.length).toBeGreaterThan(0);
        expect(b.length).toBeGreaterThan(0);
        const rows = await one.db.selectFrom('outbox').select('attempts').distinct().execute();
        expect(rows).toEqual([{ attempts: 1 }]);
        // Each lease names the connection that took it.
        const holders = await one.db.selectFrom('outbox').select(['id', 'lockedBy']).execute();
        const byId = new Map(holders.map((r) => [r.id, r.lockedBy]));
        expect(a.every((id) => byId.get(id) === 'one')).toBe(true);
        expect(b.every((id) => byId.get(id) === 'two')).toBe(true);
      });
    }
  });
});
