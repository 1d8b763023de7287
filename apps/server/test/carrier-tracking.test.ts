// Tracking and service points of carrier accounts through the real adapters and their fakes:
// Sendcloud's pushed `parcel_status_changed` webhooks checked with its Sendcloud-Signature
// (HMAC-SHA256 of the raw body with the API secret key), its codes mapped and unknown ones kept on
// the timeline; PostNL (no webhooks) polled with adapter.track in the tracking.poll jobs; service
// points from Sendcloud's locator with opening hours and distance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_POINTS } from '../../../packages/integrations/test/support/sendcloud-harness.ts';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { pollSlotOf, pollTracking, SYSTEM_MERCHANT_ID } from '../src/use-cases/carriers/poll-tracking.ts';
import { expectError, getReturn, importOrder } from './merchant-helpers.ts';
import { connectedPostnl, connectedSendcloud, type RealCarriers, startRealCarriers } from './real-carrier-helpers.ts';
import { createPortalReturn, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let carriers: RealCarriers;
beforeAll(async () => {
  h = await startHarness();
  carriers = await startRealCarriers(h);
});
afterAll(async () => {
  await h.close();
  await carriers.close();
});

async function bookedOnSendcloud() {
  const { merchant, id: accountId } = await connectedSendcloud(h, carriers.sendcloud);
  const shop = await setupShop(h, { carriers: { NL: ['sc'] } }, merchant);
  const { payload } = await importOrder(h, shop);
  const created = await createPortalReturn(h, shop.slug, payload, { carrier: 'sc' });
  expect(created.statusCode, created.body).toBe(201);
  const booked = [...carriers.sendcloud.returns.values()].at(-1);
  if (!booked) throw new Error('not booked');
  return { shop, accountId, id: json(created).id as string, trackingNumber: booked.tracking_number };
}

const post = (accountId: string, hook: { rawBody: Buffer; headers: Record<string, string> }) =>
  h.app.inject({ method: 'POST', url: `/api/carriers/accounts/${accountId}/webhook`, payload: hook.rawBody, headers: hook.headers });

describe('pushed tracking (Sendcloud webhooks)', () => {
  it('checks Sendcloud-Signature, maps its codes, keeps unknown ones on the timeline, ignores repeats', async () => {
    const { shop, accountId, id, trackingNumber } = await bookedOnSendcloud();
    const sendcloud = carriers.sendcloud;
    const at = (iso: string) => Date.parse(iso);
    const sorted = { id: 5, message: 'Sorted' };
    expectError(
      await post(accountId, sendcloud.webhook(trackingNumber, sorted, at('2026-06-15T11:00:00Z'), 'wrong-secret')),
      401,
      'invalid_signature',
    );
    expectError(await post('car_unknown', sendcloud.webhook(trackingNumber, sorted, at('2026-06-15T11:00:00Z'))), 401, 'invalid_signature');
    expect((await getReturn(shop.merchant, id)).status).toBe('open');

    const first = await post(accountId, sendcloud.webhook(trackingNumber, sorted, at('2026-06-15T11:00:00Z')));
    expect(first.statusCode, first.body).toBe(200);
    expect(json(first)).toEqual({ accepted: 1, duplicates: 0, unknownTrackingNumbers: [] });
    expect(json(await post(accountId, sendcloud.webhook(trackingNumber, sorted, at('2026-06-15T11:00:00Z'))))).toMatchObject({
      duplicates: 1,
    });
    const novel = await post(
      accountId,
      sendcloud.webhook(trackingNumber, { id: 777, message: 'Something new' }, at('2026-06-15T12:00:00Z')),
    );
    expect(json(novel).accepted).toBe(1);
    expect((await getReturn(shop.merchant, id)).status).toBe('in_transit');
    const tracking = await h.ctx.db
      .selectFrom('returnEvents')
      .select(['data'])
      .where('returnId', '=', id)
      .where('type', '=', 'tracking')
      .execute();
    expect(tracking.map((e) => JSON.parse(e.data as string).carrierCode)).toEqual(['5', '777']);

    const other = sendcloud.webhook('3SSEND999999999', { id: 11, message: 'Delivered' }, at('2026-06-15T13:00:00Z'));
    expect(json(await post(accountId, other)).unknownTrackingNumbers).toEqual(['3SSEND999999999']);
  });
});

describe('polled tracking (PostNL)', () => {
  it('asks adapters without webhooks with track() in the tracking.poll jobs', async () => {
    const { merchant } = await connectedPostnl(h, carriers.postnl);
    const shop = await setupShop(h, { carriers: { NL: ['pnl'] } }, merchant);
    const { payload } = await importOrder(h, shop);
    const created = await createPortalReturn(h, shop.slug, payload, { carrier: 'pnl' });
    expect(created.statusCode, created.body).toBe(201);
    const id = json(created).id as string;
    const barcode = [...carriers.postnl.shipments.keys()].at(-1);
    if (!barcode) throw new Error('not booked at PostNL');
    carriers.postnl.scan(barcode, '11', 'Zending afgeleverd', '16-06-2026 09:00:00');
    h.clock.advance(86_400_000);
    await pollTracking(h.ctx, SYSTEM_MERCHANT_ID, { slot: pollSlotOf(h.clock.now) });
    await drainJobs(h.ctx, 50, ['return.event']);
    expect((await getReturn(shop.merchant, id)).status).toBe('delivered');
    expect(carriers.postnl.received.some((r) => r.path.includes('/status/'))).toBe(true);
  });
});

describe('service points', () => {
  it('come from Sendcloud for an account carrier, with opening hours and distance', async () => {
    carriers.sendcloud.points = SAMPLE_POINTS;
    const { merchant } = await connectedSendcloud(h, carriers.sendcloud);
    const shop = await setupShop(h, { carriers: { NL: ['sc', 'sandbox'] } }, merchant);
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/service-points?carrier=sc&country=NL&postalCode=5611EM&limit=5`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const points = json(res).data;
    // Nearest first, as Sendcloud measured it from the postal code.
    expect(points.map((p: any) => p.name)).toEqual(['Near Shop', 'Far Locker']);
    expect(points[0]).toMatchObject({
      id: '12',
      carrier: 'sc',
      type: 'service_point',
      street: 'Stadhuisplein',
      postalCode: '5611 EM',
      city: 'Eindhoven',
      country: 'NL',
      openingHours: { monday: '09:00-12:30,13:30-17:00', saturday: '10:00-16:00', sunday: 'closed' },
    });
    expect(points[0].distanceMeters).toBeLessThan(points[1].distanceMeters);
    const sandbox = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/service-points?carrier=sandbox&country=NL&postalCode=1016GV`,
    });
    expect(sandbox.statusCode).toBe(200);
    expect(json(sandbox).data.every((p: any) => p.carrier === 'sandbox')).toBe(true);
    const none = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/service-points?carrier=sc&country=FR&postalCode=75001`,
    });
    expectError(none, 422, 'method_not_available');
  });
});
