// Polling carriers without webhooks (sandbox_courier): the worker enqueues one `tracking.poll` job
// per 15-minute slot under `_system`, which fans out to merchants; events are recorded like
// webhook events (deduplicated, never moving a status backwards).
import type { Carrier } from '@retour/integrations/carriers/port';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { sandboxCarrier, sandboxCourier } from '@retour/integrations/carriers/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, drainJobs } from '../src/jobs/run-jobs.ts';
import { startWorker } from '../src/jobs/worker.ts';
import { pollSlotOf, pollTracking, scheduleTrackingPoll, SYSTEM_MERCHANT_ID } from '../src/use-cases/carriers/poll-tracking.ts';
import { getReturn, portalReturn } from './merchant-helpers.ts';
import { setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, startHarness } from './support/harness.ts';

const HOUR = 3_600_000;
const SLOT = 15 * 60_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const courierPortal = { carriers: { NL: ['sandbox_courier'] }, methods: ['drop_off', 'pickup'] };
const withPhone = { carrier: 'sandbox_courier', contact: { email: 'sanne@example.com', phone: '+31 6 12345678' } };

async function courierReturn(shop?: Shop) {
  const s = shop ?? (await setupShop(h, courierPortal));
  const { ret } = await portalReturn(h, s, withPhone);
  expect(ret).toMatchObject({ status: 'open', carrier: 'sandbox_courier' });
  expect(ret.label.trackingNumber).toMatch(/^RTR\d{17}$/);
  const booked = ret.timeline.find((e: any) => e.type === 'carrier_booked');
  expect(booked).toBeDefined();
  const bookedAt = Date.parse(booked.at);
  return {
    shop: s,
    ret,
    after: (hours: number) => new Date(bookedAt + hours * HOUR).toISOString(),
    current: () => getReturn(s.merchant, ret.id),
    tracking: async () => (await getReturn(s.merchant, ret.id)).timeline.filter((e: any) => e.type === 'tracking'),
  };
}

/** Runs jobs until none is due (the system job enqueues merchant jobs, which may continue). */
async function drainAll(): Promise<number> {
  let total = 0;
  for (let round = 0; round < 50; round++) {
    const ran = await drainJobs(h.ctx);
    if (ran === 0) return total;
    total += ran;
  }
  throw new Error('jobs kept coming');
}

async function pollJobs(merchantId: string) {
  return h.ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('topic', '=', 'tracking.poll')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** The worker's scheduling step, then every due job. */
async function pollNow() {
  await scheduleTrackingPoll(h.ctx);
  await drainAll();
}

describe('tracking.poll', () => {
  it('moves a sandbox_courier return open → in_transit (+3 h) → delivered (+27 h); polling again adds nothing', async () => {
    const { current, tracking, after, shop } = await courierReturn();
    const start = h.clock.now.getTime();
    h.clock.advance(3 * HOUR);
    await pollNow();
    expect((await current()).status).toBe('in_transit');
    expect(await tracking()).toEqual([
      {
        at: after(2),
        type: 'tracking',
        status: 'in_transit',
        message: 'Picked up by the courier',
        actor: 'carrier:sandbox_courier',
        data: { status: 'in_transit', carrierCode: 'PICKED_UP' },
      },
    ]);

    // polling again, in the same slot or directly, or in the next slot: nothing new
    const before = await current();
    await pollNow();
    await pollTracking(h.ctx, shop.merchant.id, { slot: pollSlotOf(h.clock.now) });
    h.clock.advance(SLOT);
    await pollNow();
    expect(await current()).toEqual(before);

    h.clock.set(new Date(start + 27 * HOUR).toISOString());
    await pollNow();
    const ret = await current();
    expect(ret.status).toBe('delivered');
    expect((await tracking()).map((e: any) => [e.at, e.data.carrierCode, e.status ?? null])).toEqual([
      [after(2), 'PICKED_UP', 'in_transit'],
      [after(6), 'IN_TRANSIT', null],
      [after(26), 'DELIVERED', 'delivered'],
    ]);
    // a delivered return is no longer polled
    h.clock.advance(SLOT);
    await pollNow();
    expect(await current()).toEqual(ret);
  });

  it('polls nothing before the first scan is due, and only returns with a polled carrier that are on their way', async () => {
    const shop = await setupShop(h, { carriers: { NL: ['sandbox', 'sandbox_courier'] } });
    const early = await courierReturn(shop);
    const cancelled = await courierReturn(shop);
    const cancel = await shop.merchant.call('POST', `/api/v1/returns/${cancelled.ret.id}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(200);
    const { ret: sandboxRet } = await portalReturn(h, shop, { carrier: 'sandbox' });
    h.clock.advance(HOUR);
    await pollNow();
    expect((await early.current()).status).toBe('open');
    expect(await early.tracking()).toEqual([]);
    h.clock.advance(30 * HOUR);
    await pollNow();
    expect((await early.current()).status).toBe('delivered');
    expect((await cancelled.current()).status).toBe('cancelled');
    expect(await cancelled.tracking()).toEqual([]);
    // sandbox sends webhooks: never polled
    const sandbox = await getReturn(shop.merchant, sandboxRet.id);
    expect(sandbox.status).toBe('open');
    expect(sandbox.timeline.filter((e: any) => e.type === 'tracking')).toEqual([]);
  });

  it('counts from the booking with the carrier, not from the return’s creation', async () => {
    const shop = await setupShop(h, courierPortal);
    // the courier is down when the return is created: it is booked by a retry an hour later
    const down: Carrier = {
      info: sandboxCourier.info,
      announce: async () => {
        throw new Error('Sandbox Courier is down (503)');
      },
      poll: (shipments, now) => sandboxCourier.poll!(shipments, now),
    };
    const registry = h.ctx.carriers;
    h.ctx.carriers = createCarrierRegistry([sandboxCarrier, down]);
    let ret: Record<string, any>;
    try {
      ({ ret } = await portalReturn(h, shop, withPhone));
    } finally {
      h.ctx.carriers = registry;
    }
    expect(ret.label.trackingNumber).toBeNull();
    const created = Date.parse(ret.createdAt);
    h.clock.set(new Date(created + HOUR).toISOString());
    expect(backoffMs(1)).toBeLessThan(HOUR);
    await drainAll();
    const booked = await getReturn(shop.merchant, ret.id);
    expect(booked.label.trackingNumber).toMatch(/^RTR/);
    expect(booked.timeline.find((e: any) => e.type === 'carrier_booked')?.at).toBe(new Date(created + HOUR).toISOString());
    // 2.5 h after creation is only 1.5 h after booking: nothing yet
    h.clock.set(new Date(created + 2.5 * HOUR).toISOString());
    await pollNow();
    expect((await getReturn(shop.merchant, ret.id)).status).toBe('open');
    h.clock.set(new Date(created + 3 * HOUR).toISOString());
    await pollNow();
    const moved = await getReturn(shop.merchant, ret.id);
    expect(moved.status).toBe('in_transit');
    expect(moved.timeline.find((e: any) => e.type === 'tracking')?.at).toBe(new Date(created + 3 * HOUR).toISOString());
  });

  it('enqueues one job per 15-minute slot, however often and however concurrently it is called', async () => {
    h.clock.set('2026-07-01T08:07:00.000Z');
    const before = (await pollJobs(SYSTEM_MERCHANT_ID)).length;
    const slots = await Promise.all(Array.from({ length: 5 }, () => scheduleTrackingPoll(h.ctx)));
    for (let i = 0; i < 3; i++) await scheduleTrackingPoll(h.ctx);
    h.clock.set('2026-07-01T08:14:59.999Z');
    await scheduleTrackingPoll(h.ctx);
    expect(new Set(slots)).toEqual(new Set(['2026-07-01T08:00:00.000Z']));
    let jobs = await pollJobs(SYSTEM_MERCHANT_ID);
    expect(jobs).toHaveLength(before + 1);
    expect(jobs.at(-1)).toMatchObject({ dedupeKey: 'tracking.poll:2026-07-01T08:00:00.000Z', doneAt: null });
    expect(JSON.parse(jobs.at(-1)!.payload)).toEqual({ slot: '2026-07-01T08:00:00.000Z' });
    // the next slot gets its own job
    h.clock.set('2026-07-01T08:15:00.000Z');
    expect(await scheduleTrackingPoll(h.ctx)).toBe('2026-07-01T08:15:00.000Z');
    jobs = await pollJobs(SYSTEM_MERCHANT_ID);
    expect(jobs).toHaveLength(before + 2);
    // once run, a slot's job is not enqueued again
    await drainAll();
    await scheduleTrackingPoll(h.ctx);
    expect(await pollJobs(SYSTEM_MERCHANT_ID)).toHaveLength(before + 2);
    expect((await pollJobs(SYSTEM_MERCHANT_ID)).every((j) => j.doneAt !== null)).toBe(true);
  });

  it('fans out only to merchants with returns to poll, once per slot each', async () => {
    const a = await courierReturn();
    const b = await courierReturn();
    const idle = await setupShop(h, courierPortal);
    h.clock.advance(3 * HOUR);
    const slot = await scheduleTrackingPoll(h.ctx);
    await drainJobs(h.ctx); // the system job: enqueues the merchants' jobs
    for (const x of [a, b]) {
      const jobs = (await pollJobs(x.shop.merchant.id)).filter((j) => j.dedupeKey === `tracking.poll:${slot}`);
      expect(jobs, x.shop.merchant.id).toHaveLength(1);
    }
    expect(await pollJobs(idle.merchant.id)).toEqual([]);
    await drainAll();
    expect((await a.current()).status).toBe('in_transit');
    expect((await b.current()).status).toBe('in_transit');
    // running the system job of the slot again enqueues nothing new
    await pollTracking(h.ctx, SYSTEM_MERCHANT_ID, { slot });
    expect((await pollJobs(a.shop.merchant.id)).filter((j) => j.doneAt === null)).toEqual([]);
  });

  it('continues in further jobs when there are more merchants or returns than one job takes', async () => {
    const shop = await setupShop(h, courierPortal);
    const returns = [];
    for (let i = 0; i < 5; i++) returns.push(await courierReturn(shop));
    h.clock.advance(3 * HOUR);
    const slot = pollSlotOf(h.clock.now);
    const small = { merchantsPerJob: 1, returnsPerPage: 2, pagesPerJob: 1 };
    await pollTracking(h.ctx, shop.merchant.id, { slot }, small);
    const polled = await Promise.all(returns.map(async (r) => (await r.current()).status));
    expect(polled.filter((s) => s === 'in_transit')).toHaveLength(2);
    const next = (await pollJobs(shop.merchant.id)).filter((j) => j.doneAt === null);
    expect(next).toHaveLength(1);
    expect(JSON.parse(next[0]!.payload)).toMatchObject({ slot, after: expect.stringMatching(/^ret_/) });
    await drainAll();
    for (const r of returns) expect((await r.current()).status).toBe('in_transit');

    // the system job takes one merchant per job here and leaves a continuation for the rest
    h.clock.advance(SLOT);
    const later = pollSlotOf(h.clock.now);
    await pollTracking(h.ctx, SYSTEM_MERCHANT_ID, { slot: later }, small);
    const continuation = (await pollJobs(SYSTEM_MERCHANT_ID)).filter((j) => j.doneAt === null);
    expect(continuation).toHaveLength(1);
    expect(JSON.parse(continuation[0]!.payload)).toMatchObject({ slot: later, after: expect.any(String) });
    await drainAll();
  });

  it('ignores a job of a slot superseded by newer ones, and a job without a slot', async () => {
    const { current, shop } = await courierReturn();
    h.clock.advance(3 * HOUR);
    const old = new Date(h.clock.now.getTime() - 2 * HOUR).toISOString();
    await pollTracking(h.ctx, shop.merchant.id, { slot: old });
    await pollTracking(h.ctx, shop.merchant.id, {});
    await pollTracking(h.ctx, shop.merchant.id, { slot: 'soon' });
    expect((await current()).status).toBe('open');
    await pollTracking(h.ctx, shop.merchant.id, { slot: pollSlotOf(h.clock.now) });
    expect((await current()).status).toBe('in_transit');
  });

  it('is scheduled and run by the worker loop', async () => {
    const { current } = await courierReturn();
    h.clock.advance(3 * HOUR + SLOT);
    const errors: unknown[] = [];
    const worker = startWorker(h.ctx, (e) => errors.push(e), 5);
    const end = Date.now() + 10_000;
    while ((await current()).status !== 'in_transit') {
      if (Date.now() > end) throw new Error('timed out waiting for the worker to poll');
      await new Promise((r) => setTimeout(r, 10));
    }
    await worker.stop();
    expect(errors).toEqual([]);
  });
});
