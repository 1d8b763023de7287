// Booking the carrier inline, in the return's creation transaction (issue #12): the answer carries
// the tracking number and no job is left; a failed inline booking leaves the job as after a first
// failed try. The queue itself: jobs-queue.test.ts.
import { getReturnRow } from '@retour/db/repos/returns';
import { isValidSandboxTrackingNumber } from '@retour/integrations/carriers/sandbox';
import { describe, expect, it } from 'vitest';
import { backoffMs, drainJobs } from '../src/jobs/run-jobs.ts';
import { useJobsFixture } from './support/jobs-fixture.ts';

describe('inline carrier booking', () => {
  const f = useJobsFixture();

  it('books the carrier inline, in the creation transaction: the created return carries its tracking number and no booking job is left', async () => {
    const ret = await f.newReturn();
    expect(isValidSandboxTrackingNumber(ret.label.trackingNumber)).toBe(true);
    expect(ret.timeline.map((t: { type: string }) => t.type)).toContain('carrier_booked');
    expect(f.carrier.state.calls).toBe(1);
    expect(f.carrier.state.requests[0]).toMatchObject({ reference: ret.reference, method: 'drop_off', to: { postalCode: '1015 CV' } });
    // Booked with the return itself (issue #12): no announce job to claim, the row written once.
    expect(await f.jobsOf(ret.id, 'carrier.announce')).toEqual([]);
    expect(await f.jobsOf(ret.id, 'email.label_created')).toHaveLength(1);
    const row = await getReturnRow(f.h.ctx.db, f.shop.merchant.id, ret.id);
    expect(row?.trackingNumber).toBe(ret.label.trackingNumber);
    expect(row?.labelStatus).toBe('ready');
    expect(row?.version).toBe(1);
    // What the answer showed is what a later read shows.
    expect((await f.merchantView(ret.id)).label.trackingNumber).toBe(ret.label.trackingNumber);
    // Nothing left for the runner; the carrier is not called again.
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(0);
    expect(f.carrier.state.calls).toBe(1);
  });

  it('a failed inline booking leaves the job queued as after a first failed try', async () => {
    f.carrier.state.mode = 'fail';
    const ret = await f.newReturn();
    expect(ret.label.trackingNumber).toBeNull();
    expect(f.carrier.state.calls).toBe(1);
    const job = await f.announceJob(ret.id);
    expect(job).toMatchObject({ attempts: 1, lockedUntil: null, doneAt: null });
    expect(job.lastError).toEqual(expect.any(String));
    expect(job.availableAt).toBe(new Date(f.h.clock.now.getTime() + backoffMs(1)).toISOString());
    expect(await drainJobs(f.h.ctx, 50, ['return.event'])).toBe(0);
  });
});
