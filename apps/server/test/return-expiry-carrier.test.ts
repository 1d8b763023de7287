// An expired return booked on a carrier account (issue #15 item 5): its unused label is voided with
// the carrier where the carrier allows it (Sendcloud's fake, which enforces its published API and
// refuses to cancel a parcel it has scanned), and the answer is noted on the timeline either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { importOrder } from './merchant-helpers.ts';
import { connectedSendcloud, type RealCarriers, startRealCarriers } from './real-carrier-helpers.ts';
import { createPortalReturn, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let carriers: RealCarriers;
beforeAll(async () => {
  h = await startHarness('2026-06-15T10:00:00.000Z');
  carriers = await startRealCarriers(h);
});
afterAll(async () => {
  await h.close();
  await carriers.close();
});

async function shipmentsOf(returnId: string) {
  const row = await h.ctx.db.selectFrom('returns').select('reference').where('id', '=', returnId).executeTakeFirstOrThrow();
  return [...carriers.sendcloud.returns.values()].filter((r) => r.externalReference === row.reference);
}

describe('expiring a booked return', () => {
  it('voids the unused label with the carrier, or notes that the carrier would not', async () => {
    const { merchant } = await connectedSendcloud(h, carriers.sendcloud);
    const shop = await setupShop(h, { carriers: { NL: ['sc'], BE: ['sc'] }, expiryDays: 5 }, merchant);
    const a = json(await createPortalReturn(h, shop.slug, (await importOrder(h, shop)).payload, { carrier: 'sc' })).id as string;
    const b = json(await createPortalReturn(h, shop.slug, (await importOrder(h, shop)).payload, { carrier: 'sc' })).id as string;
    // Sendcloud has scanned b's parcel but Retour has not heard yet: b still expires, the carrier keeps the label.
    const scanned = (await shipmentsOf(b))[0];
    if (!scanned) throw new Error('not booked');
    carriers.sendcloud.scan(scanned.id, 'in_transit', '2026-06-16T11:00:00Z');

    h.clock.set('2026-06-20T21:59:00.000Z');
    for (let i = 0; i < 5; i++) await drainJobs(h.ctx);
    expect((await shipmentsOf(a))[0]?.cancelled).toBe(false);
    h.clock.set('2026-06-20T22:00:00.000Z'); // the end of 20 June in Amsterdam
    for (let i = 0; i < 5; i++) await drainJobs(h.ctx);

    for (const id of [a, b]) expect(json(await shop.merchant.call('GET', `/api/v1/returns/${id}`)).status).toBe('expired');
    expect((await shipmentsOf(a))[0]?.cancelled).toBe(true);
    expect((await shipmentsOf(b))[0]?.cancelled).toBe(false);
    const notes = async (id: string) =>
      (await h.ctx.db.selectFrom('returnEvents').select('data').where('returnId', '=', id).where('type', '=', 'note').execute()).map(
        (e) => JSON.parse(e.data as string).carrierLabel,
      );
    expect(await notes(a)).toEqual(['voided']);
    expect(await notes(b)).toEqual(['carrier_not_cancellable']);
  });
});
