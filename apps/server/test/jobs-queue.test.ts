// The outbox job queue: retries with backoff, leases, concurrent runners, staff changes during a
// booking, email jobs kept, the background worker. Inline booking at creation: jobs-inline-booking.test.ts.
import { getReturnRow } from '@retour/db/repos/returns';
import { isValidSandboxTrackingNumber } from '@retour/integrations/carriers/sandbox';
import { describe, expect, it } from 'vitest';
import { backoffMs, drainJobs, runJobsNow } from '../src/jobs/run-jobs.ts';
import { startWorker } from '../src/jobs/worker.ts';
import { until, useJobsFixture } from './support/jobs-fixture.ts';

describe('outbox jobs', () => {
  const f = useJobsFixture();

  it('keeps a failed booking in the outbox and retries it with backoff until it succeeds', async () => {
    f.carrier.state.mode = 'fail';
    const created = f.h.clock.now.getTime();
    const ret = await f.newReturn();
    expect(ret.status).toBe('open');
    expect(ret.label).toMatchObject({ status: 'pending', trackingNumber: null });
    expect(f.carrier.state.calls).toBe(1);
    let job = await f.announceJob(ret.id);
    expect(job).toMatchObject({ attempts: 1, lastError: 'Sandbox Post is down (503)', lockedUntil: null, doneAt: null });
    expect(Date.parse(job.availableAt) - created).toBe(backoffMs(1));

    // Not due yet: nothing runs.
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(0);
    f.h.clock.advance(backoffMs(1) - 1);
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(0);
    expect(f.carrier.state.calls).toBe(1);

    f.h.clock.advance(1);
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(1);
    expect(f.carrier.state.calls).toBe(2);
    job = await f.announceJob(ret.id);
    expect(job).toMatchObject({ attempts: 2, lastError: 'Sandbox Post is down (503)', doneAt: null });
    expect(Date.parse(job.availableAt) - f.h.clock.now.getTime()).toBe(backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));

    f.carrier.state.mode = 'ok';
    f.h.clock.advance(backoffMs(2));
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(1);
    job = await f.announceJob(ret.id);
    expect(job).toMatchObject({ attempts: 3, lastError: null, doneAt: f.h.clock.now.toISOString() });
    const view = await f.merchantView(ret.id);
    expect(isValidSandboxTrackingNumber(view.label.trackingNumber)).toBe(true);
    expect(view.label.status).toBe('ready');
    expect(view.timeline.filter((t: { type: string }) => t.type === 'carrier_booked')).toHaveLength(1);
    expect(await f.jobsOf(ret.id, 'email.label_created')).toHaveLength(1);
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
    f.carrier.state.mode = 'fail';
    const ret = await f.newReturn();
    for (let attempt = 2; attempt <= 10; attempt++) {
      f.h.clock.advance(backoffMs(attempt - 1));
      expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(1);
      const job = await f.announceJob(ret.id);
      expect(job.attempts).toBe(attempt);
      expect(job.lastError).toBe('Sandbox Post is down (503)');
      expect(job.doneAt).toBeNull();
      expect(Date.parse(job.availableAt) - f.h.clock.now.getTime()).toBe(backoffMs(attempt));
      const view = await f.merchantView(ret.id);
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
    expect(f.carrier.state.calls).toBe(10);
    // The shopper sees it too.
    const stored = await getReturnRow(f.h.ctx.db, f.shop.merchant.id, ret.id);
    expect(stored?.labelStatus).toBe('failed');

    f.carrier.state.mode = 'ok';
    f.h.clock.advance(backoffMs(10));
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(1);
    const view = await f.merchantView(ret.id);
    expect(isValidSandboxTrackingNumber(view.label.trackingNumber)).toBe(true);
    expect(view.label.status).toBe('ready');
    expect((await f.announceJob(ret.id)).doneAt).toBe(f.h.clock.now.toISOString());
  });

  it('never runs a job twice at once: a leased job is not claimed again', async () => {
    f.carrier.state.mode = 'fail';
    const ret = await f.newReturn();
    const job = await f.announceJob(ret.id);
    f.carrier.state.mode = 'block';
    f.h.clock.advance(backoffMs(1));
    const first = drainJobs(f.h.ctx, 50, ['return.event']);
    await until(() => f.carrier.state.inFlight === 1, 'the first run to reach the carrier');
    // Other runners, now and later within the lease, find nothing to do.
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(0);
    await runJobsNow(f.h.ctx, job.merchantId, [job.id]);
    f.h.clock.advance(59_000);
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(0);
    expect(f.carrier.state.calls).toBe(2);
    expect(f.carrier.state.maxInFlight).toBe(1);
    f.carrier.state.release?.();
    expect(await first).toBe(1);
    const done = await f.announceJob(ret.id);
    expect(done).toMatchObject({ attempts: 2, lastError: null });
    expect(done.doneAt).not.toBeNull();
    // Done is done: no later run books it again.
    f.h.clock.advance(3_600_000);
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(0);
    expect(f.carrier.state.calls).toBe(2);
    expect((await f.merchantView(ret.id)).timeline.filter((t: { type: string }) => t.type === 'carrier_booked')).toHaveLength(1);
  });

  it('books each return once when several runners drain at the same time', async () => {
    f.carrier.state.mode = 'fail';
    const returns = [];
    for (let i = 0; i < 6; i++) returns.push(await f.newReturn());
    f.carrier.state.mode = 'ok';
    f.h.clock.advance(backoffMs(1));
    const ran = await Promise.all([
      drainJobs(f.h.ctx, 2, ['return.event']),
      drainJobs(f.h.ctx, 2, ['return.event']),
      drainJobs(f.h.ctx, 2, ['return.event']),
      drainJobs(f.h.ctx, 2, ['return.event']),
      drainJobs(f.h.ctx, 50, ['return.event']),
    ]);
    expect(ran.reduce((a, b) => a + b, 0)).toBe(6);
    expect(f.carrier.state.calls).toBe(12);
    for (const r of returns) {
      const view = await f.merchantView(r.id);
      expect(isValidSandboxTrackingNumber(view.label.trackingNumber)).toBe(true);
      expect(view.timeline.filter((t: { type: string }) => t.type === 'carrier_booked')).toHaveLength(1);
      expect((await f.announceJob(r.id)).attempts).toBe(2);
    }
  });

  it('keeps a booking when staff change the return while the carrier is booking it (no second booking)', async () => {
    f.carrier.state.mode = 'fail';
    const ret = await f.newReturn();
    f.carrier.state.mode = 'block';
    f.h.clock.advance(backoffMs(1));
    const run = drainJobs(f.h.ctx, 50, ['return.event']);
    await until(() => f.carrier.state.inFlight === 1, 'the run to reach the carrier');
    const note = await f.shop.merchant.call('POST', `/api/v1/returns/${ret.id}/notes`, { message: 'Customer called' });
    expect(note.statusCode, note.body).toBe(201);
    f.carrier.state.mode = 'ok';
    f.carrier.state.release?.();
    expect(await run).toBe(1);
    f.h.clock.advance(3_600_000);
    await drainJobs(f.h.ctx, 50, ['return.event']);
    expect(f.carrier.state.calls).toBe(2); // the failed first attempt and the one booking
    const view = await f.merchantView(ret.id);
    expect(isValidSandboxTrackingNumber(view.label.trackingNumber)).toBe(true);
    expect(view.timeline.map((t: { type: string }) => t.type)).toEqual(expect.arrayContaining(['note', 'carrier_booked']));
    expect((await f.announceJob(ret.id)).doneAt).not.toBeNull();
  });

  it('records no booking on a return cancelled while the carrier was booking it, and finishes the job', async () => {
    // The first (inline) try failed; the job's retry is the one the cancellation overtakes.
    f.carrier.state.mode = 'fail';
    const ret = await f.newReturn();
    f.h.clock.advance(backoffMs(1));
    f.carrier.state.mode = 'block';
    const draining = drainJobs(f.h.ctx, 50, ['return.event']);
    await until(() => f.carrier.state.inFlight === 1, 'the job to reach the carrier');
    const cancelled = await f.shop.merchant.call('POST', `/api/v1/returns/${ret.id}/cancel`, { reason: 'Changed my mind' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    f.carrier.state.release?.();
    expect(await draining).toBe(1);
    // That run found the return changed and records nothing; its retry sees it cancelled and ends.
    f.h.clock.advance(backoffMs(2));
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(1);
    expect(f.carrier.state.calls).toBe(2);
    const view = await f.merchantView(ret.id);
    expect(view.status).toBe('cancelled');
    expect(view.label.trackingNumber).toBeNull();
    expect((await f.announceJob(ret.id)).doneAt).not.toBeNull();
    expect(await f.jobsOf(ret.id, 'email.label_created')).toEqual([]);
  });

  it('leaves email jobs pending (no handler yet) and never drops them; one of each per return', async () => {
    const a = await f.newReturn();
    f.carrier.state.mode = 'fail';
    const b = await f.newReturn();
    f.carrier.state.mode = 'ok';
    for (let i = 0; i < 5; i++) {
      f.h.clock.advance(3_600_000);
      await drainJobs(f.h.ctx, 50, ['return.event']);
    }
    // The retried booking of b also queued its label email.
    for (const r of [a, b]) {
      expect(await f.jobsOf(r.id, 'email.new_return')).toHaveLength(1);
      expect(await f.jobsOf(r.id, 'email.label_created')).toHaveLength(1);
    }
    // A second announce job for a booked return does nothing: no second booking or email.
    await f.h.ctx.db
      .insertInto('outbox')
      .values({
        merchantId: f.shop.merchant.id,
        id: 'job_again',
        topic: 'carrier.announce',
        payload: JSON.stringify({ returnId: a.id }),
        dedupeKey: `announce-again:${a.id}`,
        createdAt: f.h.clock.now.toISOString(),
        availableAt: f.h.clock.now.toISOString(),
        attempts: 0,
        lockedUntil: null,
        lastError: null,
        doneAt: null,
      })
      .execute();
    const calls = f.carrier.state.calls;
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(1);
    expect(f.carrier.state.calls).toBe(calls);
    expect(await f.jobsOf(a.id, 'email.label_created')).toHaveLength(1);

    const emails = await f.jobs('email.');
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
    expect(await f.jobs('carrier.')).toEqual([]);
  });

  describe('startWorker', () => {
    it('drains due jobs in the background and stops cleanly', async () => {
      f.carrier.state.mode = 'fail';
      const ret = await f.newReturn();
      f.carrier.state.mode = 'ok';
      f.h.clock.advance(backoffMs(1));
      const errors: unknown[] = [];
      const worker = startWorker(f.h.ctx, (e) => errors.push(e), 10);
      await until(
        async () => (await getReturnRow(f.h.ctx.db, f.shop.merchant.id, ret.id))?.trackingNumber != null,
        'the worker to book the return',
      );
      await worker.stop();
      expect(errors).toEqual([]);
      expect((await f.announceJob(ret.id)).doneAt).not.toBeNull();
      // Stopped means stopped: a newly due job stays queued.
      f.carrier.state.mode = 'fail';
      const other = await f.newReturn();
      f.carrier.state.mode = 'ok';
      f.h.clock.advance(backoffMs(1));
      await new Promise((r) => setTimeout(r, 50));
      expect((await f.announceJob(other.id)).attempts).toBe(1);
    });

    it('reports errors and keeps going; stop() resolves while idle', async () => {
      f.carrier.state.mode = 'fail';
      const ret = await f.newReturn();
      f.carrier.state.mode = 'ok';
      f.h.clock.advance(backoffMs(1));
      const realNow = f.h.ctx.now;
      let broken = 2;
      f.h.ctx.now = () => {
        if (broken > 0) {
          broken--;
          throw new Error('clock unavailable');
        }
        return realNow();
      };
      const errors: unknown[] = [];
      const worker = startWorker(f.h.ctx, (e) => errors.push(e), 5);
      await until(
        async () => (await getReturnRow(f.h.ctx.db, f.shop.merchant.id, ret.id))?.trackingNumber != null,
        'the worker to recover',
      );
      expect(errors.map((e) => (e as Error).message)).toEqual(['clock unavailable', 'clock unavailable']);
      await new Promise((r) => setTimeout(r, 30)); // idle now
      await worker.stop();
      await worker.stop(); // twice is harmless
      const idle = startWorker(f.h.ctx, (e) => errors.push(e), 60_000);
      await new Promise((r) => setTimeout(r, 20));
      await idle.stop(); // would wait out the 60 s poll (and the test's timeout) if stop() did not wake the idle worker
      expect(errors).toHaveLength(2);
    });
  });
});
