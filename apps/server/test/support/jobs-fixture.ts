// The setup both outbox-job test files share (jobs-queue.test.ts, jobs-inline-booking.test.ts): a
// harness whose sandbox carrier the test switches between booking, failing and hanging, one shop,
// and helpers to create a portal return and read its jobs.
import { type OutboxJob, pendingJobs } from '@retour/db/repos/outbox';
import type { AnnounceRequest, Announcement, Carrier } from '@retour/integrations/carriers/port';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { sandboxCarrier, sandboxCourier } from '@retour/integrations/carriers/sandbox';
import { afterEach, beforeEach, expect } from 'vitest';
import { createPortalReturn, orderPayload, type Shop, setupShop } from './fixtures.ts';
import { type Harness, json, startHarness } from './harness.ts';

/** A carrier with code 'sandbox' whose behaviour the test switches: book, fail, or hang until released. */
export function controllableCarrier() {
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

export const until = async (check: () => Promise<boolean> | boolean, what: string, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

export interface JobsFixture {
  h: Harness;
  shop: Shop;
  carrier: ReturnType<typeof controllableCarrier>;
  newReturn(): Promise<any>;
  jobs(prefix?: string): Promise<OutboxJob[]>;
  jobsOf(returnId: string, topic: string): Promise<{ payload: string; doneAt: string | null }[]>;
  announceJob(returnId: string): Promise<OutboxJob>;
  merchantView(id: string): Promise<any>;
}

/** Registers beforeEach/afterEach; the returned object is filled anew before each test. */
export function useJobsFixture(): JobsFixture {
  const f = {} as JobsFixture;
  let h: Harness;
  let shop: Shop;
  let carrier: ReturnType<typeof controllableCarrier>;

  beforeEach(async () => {
    h = await startHarness();
    carrier = controllableCarrier();
    h.ctx.carriers = createCarrierRegistry([carrier.carrier, sandboxCourier]);
    shop = await setupShop(h, { notificationEmail: 'returns@acme.test' });
    Object.assign(f, { h, shop, carrier });
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
  Object.assign(f, { newReturn, jobs, jobsOf, announceJob, merchantView });
  return f;
}
