// The job runner: carrier bookings through the outbox, retries with backoff, leases, the worker.
import { type OutboxJob, pendingJobs } from '@retour/db/repos/outbox';
import { getReturnRow } from '@retour/db/repos/returns';
import type { AnnounceRequest, Announcement, Carrier } from '@retour/integrations/carriers/port';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { isValidSandboxTrackingNumber, sandboxCarrier, sandboxCourier } from '@retour/integrations/carriers/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, drainJobs, runJobsNow } from '../src/jobs/run-jobs.ts';
import { startWorker } from '../src/jobs/worker.ts';
import { createPortalReturn, orderPayload, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

/** A carrier with code 'sandbox' whose behaviour the test switches: book, fail, or hang until released. */
function controllableCarrier() {
  const state = {
    mode: 'ok' as 'ok' | 'fail' | 'block',
    calls: 0,
    inFlight: 0,
    maxInFlight: 0,
    requests: [] as AnnounceRequest[],
    release: null as (() => void) | null,
  };
  const carrier: Carrier = {
    info: sandboxCarrier.info,
    async announce(request: AnnounceRequest): Promise<Announcement> {
      state.calls++;
      state.requests.push(request);
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        if (state.mode === 'fail') throw new Error('Sandbox Post is down (503)');
        if (state.mode === 'block') await new Promise<void>((resolve) => (state.release = resolve));
        return sandboxCarrier.announce(request);
      } finally {
        state.inFlight--;
      }
    },
  };
  return { state, carrier };
}

const until = async (check: () => Promise<boolean> | boolean, what: string, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('outbox jobs', () => {
  let h: Harness;
  let shop: Shop;
  let carrier: ReturnType<typeof controllableCarrier>;

  beforeEach(async () => {
    h = await startHarness();
    carrier = controllableCarrier();
    h.ctx.carriers = createCarrierRegistry([carrier.carrier, sandboxCourier]);
    shop = await setupShop(h, { notificationEmail: 'returns@acme.test' });
  });
  afterEach(async () => h.close());

  const newReturn = async () => {
    const order = orderPayload(h);
    await shop.importOrders(order);
    const res = await createPortalReturn(h, shop.slug, order);
    expect(res.statusCode, res.body).toBe(201);
    return json(res);
  };
  const jobs = async (prefix?: string): Promise<OutboxJob[]> => pendingJobs(h.ctx.db, shop.merchant.id, prefix);
  const jobsOf = async (returnId: string, topic: string) => {
    const all = await h.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('merchantId', '=', shop.merchant.id)
      .where('topic', '=', topic)
      .execute();
    return all.filter((j) => JSON.parse(j.payload).returnId === returnId);
  };
  const announceJob = async (returnId: string) => {
    const [job, ...more] = await jobsOf(returnId, 'carrier.announce');
    expect(more).toEqual([]);
    if (!job) throw new Error('no carrier.announce job');
    return job;
  };
  const merchantView = async (id: string) => {
    const res = await shop.merchant.call('GET', `/api/v1/returns/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return json(res);
  };

  it('books the carrier inline, in the creation transaction: the created return carries its tracking number and no booking job is left', async () => {
    const ret = await newReturn();
    expect(isValidSandboxTrackingNumber(ret.label.trackingNumber)).toBe(true);
    expect(ret.timeline.map((t: { type: string }) => t.type)).toContain('carrier_booked');
    expect(carrier.state.calls).toBe(1);
    expect(carrier.state.requests[0]).toMatchObject({ reference: ret.reference, method: 'drop_off', to: { postalCode: '1015 CV' } });
    // Booked with the return itself (issue #12): no announce job to claim, the row written once.
    expect(await jobsOf(ret.id, 'carrier.announce')).toEqual([]);
    expect(await jobsOf(ret.id, 'email.label_created')).toHaveLength(1);
    const row = await getReturnRow(h.ctx.db, shop.merchant.id, ret.id);
    expect(row?.trackingNumber).toBe(ret.label.trackingNumber);
    expect(row?.labelStatus).toBe('ready');
    expect(row?.version).toBe(1);
    // What the answer showed is what a later read shows.
    expect((await merchantView(ret.id)).label.trackingNumber).toBe(ret.label.trackingNumber);
    // Nothing left for the runner; the carrier is not called again.
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0);
    expect(carrier.state.calls).toBe(1);
  });

  it('a failed inline booking leaves the job queued as after a first failed try', async () => {
    carrier.state.mode = 'fail';
    const ret = await newReturn();
    expect(ret.label.trackingNumber).toBeNull();
    expect(carrier.state.calls).toBe(1);
    const job = await announceJob(ret.id);
    expect(job).toMatchObject({ attempts: 1, lockedUntil: null, doneAt: null });
    expect(job.lastError).toEqual(expect.any(String));
    expect(job.availableAt).toBe(new Date(h.clock.now.getTime() + backoffMs(1)).toISOString());
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0);
  });

  it('keeps a failed booking in the outbox and retries it with backoff until it succeeds', async () => {
    carrier.state.mode = 'fail';
    const created = h.clock.now.getTime();
    const ret = await newReturn();
    expect(ret.status).toBe('open');
    expect(ret.label).toMatchObject({ status: 'pending', trackingNumber: null });
    expect(carrier.state.calls).toBe(1);
    let job = await announceJob(ret.id);
    expect(job).toMatchObject({ attempts: 1, lastError: 'Sandbox Post is down (503)', lockedUntil: null, doneAt: null });
    expect(Date.parse(job.availableAt) - created).toBe(backoffMs(1));

    // Not due yet: nothing runs.
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0);
    h.clock.advance(backoffMs(1) - 1);
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0);
    expect(carrier.state.calls).toBe(1);

    h.clock.advance(1);
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    expect(carrier.state.calls).toBe(2);
    job = await announceJob(ret.id);
    expect(job).toMatchObject({ attempts: 2, lastError: 'Sandbox Post is down (503)', doneAt: null });
    expect(Date.parse(job.availableAt) - h.clock.now.getTime()).toBe(backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));

    carrier.state.mode = 'ok';
    h.clock.advance(backoffMs(2));
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    job = await announceJob(ret.id);
    expect(job).toMatchObject({ attempts: 3, lastError: null, doneAt: h.clock.now.toISOString() });
    const view = await merchantView(ret.id);
    expect(isValidSandboxTrackingNumber(view.label.trackingNumber)).toBe(true);
    expect(view.label.status).toBe('ready');
    expect(view.timeline.filter((t: { type: string }) => t.type === 'carrier_booked')).toHaveLength(1);
    expect(await jobsOf(ret.id, 'email.label_created')).toHaveLength(1);
  });

  it('doubles the backoff from one second and caps it at an hour', () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16000]);
    for (let n = 1; n < 40; n++) {
      expect(backoffMs(n + 1)).toBe(Math.min(2 * backoffMs(n), 3_600_000));
      expect(backoffMs(n)).toBeLessThanOrEqual(3_600_000);
    }
    expect(backoffMs(12)).toBe(2_048_000);
    expect(backoffMs(13)).toBe(3_600_000);
    expect(backoffMs(1000)).toBe(3_600_000);
  });

  it('marks the label failed after 8 failed attempts, and keeps retrying until the carrier recovers', async () => {
    carrier.state.mode = 'fail';
    const ret = await newReturn();
    for (let attempt = 2; attempt <= 10; attempt++) {
      h.clock.advance(backoffMs(attempt - 1));
      expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
      const job = await announceJob(ret.id);
      expect(job.attempts).toBe(attempt);
      expect(job.lastError).toBe('Sandbox Post is down (503)');
      expect(job.doneAt).toBeNull();
      expect(Date.parse(job.availableAt) - h.clock.now.getTime()).toBe(backoffMs(attempt));
      const view = await merchantView(ret.id);
      const failures = view.timeline.filter((t: { type: string }) => t.type === 'label_failed');
      if (attempt < 8) {
        expect(view.label.status, `after attempt ${attempt}`).toBe('pending');
        expect(failures).toEqual([]);
      } else {
        expect(view.label.status, `after attempt ${attempt}`).toBe('failed');
        expect(failures).toHaveLength(1);
        expect(failures[0].message).toContain('Sandbox Post is down (503)');
        expect(view.status).toBe('open');
      }
    }
    expect(carrier.state.calls).toBe(10);
    // The shopper sees it too.
    const stored = await getReturnRow(h.ctx.db, shop.merchant.id, ret.id);
    expect(stored?.labelStatus).toBe('failed');

    carrier.state.mode = 'ok';
    h.clock.advance(backoffMs(10));
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    const view = await merchantView(ret.id);
    expect(isValidSandboxTrackingNumber(view.label.trackingNumber)).toBe(true);
    expect(view.label.status).toBe('ready');
    expect((await announceJob(ret.id)).doneAt).toBe(h.clock.now.toISOString());
  });

  it('never runs a job twice at once: a leased job is not claimed again', async () => {
    carrier.state.mode = 'fail';
    const ret = await newReturn();
    const job = await announceJob(ret.id);
    carrier.state.mode = 'block';
    h.clock.advance(backoffMs(1));
    const first = drainJobs(h.ctx, 50, ['return.event']);
    await until(() => carrier.state.inFlight === 1, 'the first run to reach the carrier');
    // Other runners, now and later within the lease, find nothing to do.
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0);
    await runJobsNow(h.ctx, job.merchantId, [job.id]);
    h.clock.advance(59_000);
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0);
    expect(carrier.state.calls).toBe(2);
    expect(carrier.state.maxInFlight).toBe(1);
    carrier.state.release?.();
    expect(await first).toBe(1);
    const done = await announceJob(ret.id);
    expect(done).toMatchObject({ attempts: 2, lastError: null });
    expect(done.doneAt).not.toBeNull();
    // Done is done: no later run books it again.
    h.clock.advance(3_600_000);
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0);
    expect(carrier.state.calls).toBe(2);
    expect((await merchantView(ret.id)).timeline.filter((t: { type: string }) => t.type === 'carrier_booked')).toHaveLength(1);
  });

  it('books each return once when several runners drain at the same time', async () => {
    carrier.state.mode = 'fail';
    const returns = [];
    for (let i = 0; i < 6; i++) returns.push(await newReturn());
    carrier.state.mode = 'ok';
    h.clock.advance(backoffMs(1));
    const ran = await Promise.all([
      drainJobs(h.ctx, 2, ['return.event']),
      drainJobs(h.ctx, 2, ['return.event']),
      drainJobs(h.ctx, 2, ['return.event']),
      drainJobs(h.ctx, 2, ['return.event']),
      drainJobs(h.ctx, 50, ['return.event']),
    ]);
    expect(ran.reduce((a, b) => a + b, 0)).toBe(6);
    expect(carrier.state.calls).toBe(12);
    for (const r of returns) {
      const view = await merchantView(r.id);
      expect(isValidSandboxTrackingNumber(view.label.trackingNumber)).toBe(true);
      expect(view.timeline.filter((t: { type: string }) => t.type === 'carrier_booked')).toHaveLength(1);
      expect((await announceJob(r.id)).attempts).toBe(2);
    }
  });

  it('keeps a booking when staff change the return while the carrier is booking it (no second booking)', async () => {
    carrier.state.mode = 'fail';
    const ret = await newReturn();
    carrier.state.mode = 'block';
    h.clock.advance(backoffMs(1));
    const run = drainJobs(h.ctx, 50, ['return.event']);
    await until(() => carrier.state.inFlight === 1, 'the run to reach the carrier');
    const note = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/notes`, { message: 'Customer called' });
    expect(note.statusCode, note.body).toBe(201);
    carrier.state.mode = 'ok';
    carrier.state.release?.();
    expect(await run).toBe(1);
    h.clock.advance(3_600_000);
    await drainJobs(h.ctx, 50, ['return.event']);
    expect(carrier.state.calls).toBe(2); // the failed first attempt and the one booking
    const view = await merchantView(ret.id);
    expect(isValidSandboxTrackingNumber(view.label.trackingNumber)).toBe(true);
    expect(view.timeline.map((t: { type: string }) => t.type)).toEqual(expect.arrayContaining(['note', 'carrier_booked']));
    expect((await announceJob(ret.id)).doneAt).not.toBeNull();
  });

  it('records no booking on a return cancelled while the carrier was booking it, and finishes the job', async () => {
    // The first (inline) try failed; the job's retry is the one the cancellation overtakes.
    carrier.state.mode = 'fail';
    const ret = await newReturn();
    h.clock.advance(backoffMs(1));
    carrier.state.mode = 'block';
    const draining = drainJobs(h.ctx, 50, ['return.event']);
    await until(() => carrier.state.inFlight === 1, 'the job to reach the carrier');
    const cancelled = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/cancel`, { reason: 'Changed my mind' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    carrier.state.release?.();
    expect(await draining).toBe(1);
    // That run found the return changed and records nothing; its retry sees it cancelled and ends.
    h.clock.advance(backoffMs(2));
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    expect(carrier.state.calls).toBe(2);
    const view = await merchantView(ret.id);
    expect(view.status).toBe('cancelled');
    expect(view.label.trackingNumber).toBeNull();
    expect((await announceJob(ret.id)).doneAt).not.toBeNull();
    expect(await jobsOf(ret.id, 'email.label_created')).toEqual([]);
  });

  it('leaves email jobs pending (no handler yet) and never drops them; one of each per return', async () => {
    const a = await newReturn();
    carrier.state.mode = 'fail';
    const b = await newReturn();
    carrier.state.mode = 'ok';
    for (let i = 0; i < 5; i++) {
      h.clock.advance(3_600_000);
      await drainJobs(h.ctx, 50, ['return.event']);
    }
    // The retried booking of b also queued its label email.
    for (const r of [a, b]) {
      expect(await jobsOf(r.id, 'email.new_return')).toHaveLength(1);
      expect(await jobsOf(r.id, 'email.label_created')).toHaveLength(1);
    }
    // A second announce job for a booked return does nothing: no second booking or email.
    await h.ctx.db
      .insertInto('outbox')
      .values({
        merchantId: shop.merchant.id,
        id: 'job_again',
        topic: 'carrier.announce',
        payload: JSON.stringify({ returnId: a.id }),
        dedupeKey: `announce-again:${a.id}`,
        createdAt: h.clock.now.toISOString(),
        availableAt: h.clock.now.toISOString(),
        attempts: 0,
        lockedUntil: null,
        lastError: null,
        doneAt: null,
      })
      .execute();
    const calls = carrier.state.calls;
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    expect(carrier.state.calls).toBe(calls);
    expect(await jobsOf(a.id, 'email.label_created')).toHaveLength(1);

    const emails = await jobs('email.');
    // With each return's label reminder, scheduled 15 days ahead (issue #15 item 5).
    expect(emails).toHaveLength(6);
    for (const e of emails) expect(e).toMatchObject({ attempts: 0, lockedUntil: null, lastError: null, doneAt: null });
    expect(emails.map((e) => e.dedupeKey).sort()).toEqual(
      [
        `email:new_return:${a.id}`,
        `email:new_return:${b.id}`,
        `email:label_created:${a.id}`,
        `email:label_created:${b.id}`,
        `email:label_reminder:${a.id}`,
        `email:label_reminder:${b.id}`,
      ].sort(),
    );
    expect(emails.find((e) => e.topic === 'email.new_return')?.payload).toMatchObject({ to: 'returns@acme.test' });
    expect(emails.find((e) => e.topic === 'email.label_created')?.payload).toMatchObject({ to: 'sanne@example.com', language: 'en' });
    expect(await jobs('carrier.')).toEqual([]);
  });

  describe('startWorker', () => {
    it('drains due jobs in the background and stops cleanly', async () => {
      carrier.state.mode = 'fail';
      const ret = await newReturn();
      carrier.state.mode = 'ok';
      h.clock.advance(backoffMs(1));
      const errors: unknown[] = [];
      const worker = startWorker(h.ctx, (e) => errors.push(e), 10);
      await until(
        async () => (await getReturnRow(h.ctx.db, shop.merchant.id, ret.id))?.trackingNumber != null,
        'the worker to book the return',
      );
      await worker.stop();
      expect(errors).toEqual([]);
      expect((await announceJob(ret.id)).doneAt).not.toBeNull();
      // Stopped means stopped: a newly due job stays queued.
      carrier.state.mode = 'fail';
      const other = await newReturn();
      carrier.state.mode = 'ok';
      h.clock.advance(backoffMs(1));
      await new Promise((r) => setTimeout(r, 50));
      expect((await announceJob(other.id)).attempts).toBe(1);
    });

    it('reports errors and keeps going; stop() resolves while idle', async () => {
      carrier.state.mode = 'fail';
      const ret = await newReturn();
      carrier.state.mode = 'ok';
      h.clock.advance(backoffMs(1));
      const realNow = h.ctx.now;
      let broken = 2;
      h.ctx.now = () => {
        if (broken > 0) {
          broken--;
          throw new Error('clock unavailable');
        }
        return realNow();
      };
      const errors: unknown[] = [];
      const worker = startWorker(h.ctx, (e) => errors.push(e), 5);
      await until(async () => (await getReturnRow(h.ctx.db, shop.merchant.id, ret.id))?.trackingNumber != null, 'the worker to recover');
      expect(errors.map((e) => (e as Error).message)).toEqual(['clock unavailable', 'clock unavailable']);
      await new Promise((r) => setTimeout(r, 30)); // idle now
      await worker.stop();
      await worker.stop(); // twice is harmless
      const idle = startWorker(h.ctx, (e) => errors.push(e), 60_000);
      await new Promise((r) => setTimeout(r, 20));
      const started = Date.now();
      await idle.stop();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(errors).toHaveLength(2);
    });
  });
});
