// Tracking and service points of carrier accounts, through the test carrier (test support):
// pushed webhooks checked with the carrier's signature (Sendcloud-Signature, HMAC-SHA256 of the
// raw body with the API secret), polling with adapter.track for adapters without webhooks, unknown
// codes kept on the timeline, and service points from the carrier with opening hours and distance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSlotOf, pollTracking, SYSTEM_MERCHANT_ID } from '../src/use-cases/poll-tracking.ts';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { connectedAccount, startCarrier } from './carrier-helpers.ts';
import { expectError, getReturn, importOrder } from './merchant-helpers.ts';
import { createPortalReturn, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { testCarrierAdapters } from './support/test-carrier-adapter.ts';
import type { TestCarrierServer } from './support/test-carrier-server.ts';

let h: Harness;
let carrier: TestCarrierServer;
beforeAll(async () => {
  h = await startHarness();
  carrier = await startCarrier(h);
});
afterAll(async () => {
  await h.close();
  await carrier.close();
});

async function bookedReturn() {
  const { merchant, id: accountId } = await connectedAccount(h);
  const shop = await setupShop(h, { carriers: { NL: ['tc'] } }, merchant);
  const { payload } = await importOrder(h, shop);
  const created = json(await createPortalReturn(h, shop.slug, payload, { carrier: 'tc' }));
  const shipment = carrier.shipments.find((s) => s.body.idempotencyKey === created.id);
  if (!shipment) throw new Error('not booked');
  return { shop, accountId, id: created.id as string, shipment };
}

const post = (accountId: string, hook: { body: string; headers: Record<string, string> }) =>
  h.app.inject({ method: 'POST', url: `/api/carriers/accounts/${accountId}/webhook`, payload: hook.body, headers: hook.headers });

describe('pushed tracking', () => {
  it('checks the carrier signature, maps its codes, keeps unknown ones on the timeline, ignores repeats', async () => {
    const { shop, accountId, id, shipment } = await bookedReturn();
    expectError(
      await post(accountId, carrier.webhook(shipment, 'in_transit', '2026-06-15T11:00:00Z', 'wrong-secret')),
      401,
      'invalid_signature',
    );
    expectError(await post('car_unknown', carrier.webhook(shipment, 'in_transit', '2026-06-15T11:00:00Z')), 401, 'invalid_signature');
    expect((await getReturn(shop.merchant, id)).status).toBe('open');

    const first = await post(accountId, carrier.webhook(shipment, 'in_transit', '2026-06-15T11:00:00Z'));
    expect(first.statusCode, first.body).toBe(200);
    expect(json(first)).toEqual({ accepted: 1, duplicates: 0, unknownTrackingNumbers: [] });
    expect(json(await post(accountId, carrier.webhook(shipment, 'in_transit', '2026-06-15T11:00:00Z')))).toMatchObject({ duplicates: 1 });
    expect(json(await post(accountId, carrier.webhook(shipment, 'sorting_centre_delay', '2026-06-15T12:00:00Z'))).accepted).toBe(1);
    const ret = await getReturn(shop.merchant, id);
    expect(ret.status).toBe('in_transit');
    const tracking = await h.ctx.db
      .selectFrom('returnEvents')
      .select(['data'])
      .where('returnId', '=', id)
      .where('type', '=', 'tracking')
      .execute();
    expect(tracking.map((e) => JSON.parse(e.data as string).carrierCode)).toEqual(['in_transit', 'sorting_centre_delay']);

    const other = { ...shipment, trackingNumber: 'TC0000000NL' };
    expect(json(await post(accountId, carrier.webhook(other, 'delivered', '2026-06-15T13:00:00Z'))).unknownTrackingNumbers).toEqual([
      'TC0000000NL',
    ]);
  });
});

describe('polled tracking', () => {
  it('asks adapters without webhooks with track() in the tracking.poll jobs', async () => {
    const { shop, id, shipment } = await bookedReturn();
    const pushing = h.ctx.carrierAdapters;
    h.ctx.carrierAdapters = testCarrierAdapters(carrier.apiUrl, { webhooks: false });
    try {
      shipment.events.push({ code: 'announced', at: '2026-06-15T10:30:00Z', message: 'Announced' });
      shipment.events.push({ code: 'delivered', at: '2026-06-16T09:00:00Z', message: 'Delivered at the warehouse' });
      h.clock.advance(86_400_000);
      await pollTracking(h.ctx, SYSTEM_MERCHANT_ID, { slot: pollSlotOf(h.clock.now) });
      await drainJobs(h.ctx, 50, ['return.event']);
      const ret = await getReturn(shop.merchant, id);
      expect(ret.status).toBe('delivered');
      expect(carrier.requests.some((r) => r.path === '/tracking')).toBe(true);
    } finally {
      h.ctx.carrierAdapters = pushing;
    }
  });
});

describe('service points', () => {
  it('come from the carrier for an account carrier, with opening hours and distance', async () => {
    const { merchant } = await connectedAccount(h);
    const shop = await setupShop(h, { carriers: { NL: ['tc', 'sandbox'] } }, merchant);
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/service-points?carrier=tc&country=NL&postalCode=1016GV&limit=5`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).data).toEqual([
      {
        id: 'tc-sp-1',
        carrier: 'tc',
        type: 'service_point',
        name: 'Test Carrier Point Centrum',
        street: 'Damrak',
        houseNumber: '1',
        postalCode: '1012 LG',
        city: 'Amsterdam',
        country: 'NL',
        latitude: 52.3765,
        longitude: 4.8983,
        openingHours: { monday: '09:00-18:00', sunday: 'closed' },
        distanceMeters: 420,
      },
    ]);
    const sandbox = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/service-points?carrier=sandbox&country=NL&postalCode=1016GV`,
    });
    expect(sandbox.statusCode).toBe(200);
    expect(json(sandbox).data.every((p: any) => p.carrier === 'sandbox')).toBe(true);
    const none = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/service-points?carrier=tc&country=FR&postalCode=75001`,
    });
    expectError(none, 422, 'method_not_available');
  });
});
