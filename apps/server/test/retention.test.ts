// Personal-data retention: after the longest return window + 365 days, orders whose returns are
// all finished lose names, addresses, emails, phones, comments, notes and the mail log; amounts,
// references and statuses stay. Unfinished returns keep their data until they end.
import { describe, expect, it } from 'vitest';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { anonymiseExpiredData, scheduleRetentionSweep } from '../src/use-cases/maintenance/anonymise-expired-data.ts';
import { getReturn, portalReturn, receiveAll } from './merchant-helpers.ts';
import { setupShop } from './support/fixtures.ts';
import { json, startHarness } from './support/harness.ts';

const DAY = 86_400_000;

describe('personal-data retention', () => {
  it('anonymises finished orders after window + 365 days, keeps amounts, and waits for unfinished returns', async () => {
    const h = await startHarness('2026-06-15T10:00:00.000Z');
    try {
      const shop = await setupShop(h); // 30-day window
      const finished = await portalReturn(h, shop, { contact: { email: 'sanne@example.com', phone: '+31 6 12345678' } });
      await shop.merchant.call('POST', `/api/v1/returns/${finished.ret.id}/notes`, { message: 'Called Sanne at home.' });
      await receiveAll(shop.merchant, finished.ret);
      const refunded = await shop.merchant.call('POST', `/api/v1/returns/${finished.ret.id}/refunds`, {});
      expect(refunded.statusCode, refunded.body).toBe(201);
      const resolved = await shop.merchant.call('POST', `/api/v1/returns/${finished.ret.id}/resolve`, {});
      expect(resolved.statusCode, resolved.body).toBeLessThan(300);
      const before = await getReturn(shop.merchant, finished.ret.id);
      const stillOpen = await portalReturn(h, shop);

      // One day before the cutoff (placed 5 days before now; 30 + 365 days later) nothing changes.
      h.clock.advance((30 + 365 - 5 - 1) * DAY);
      expect(await anonymiseExpiredData(h.ctx)).toMatchObject({ orders: 0 });
      h.clock.advance(2 * DAY);
      const recent = await portalReturn(h, shop); // placed now: far from its cutoff
      expect(await anonymiseExpiredData(h.ctx)).toMatchObject({ orders: 1 });

      const after = await getReturn(shop.merchant, finished.ret.id);
      expect(after).toMatchObject({ reference: before.reference, status: 'completed', refundTotal: before.refundTotal });
      expect(after.items.map((i: { sku: string; quantity: number }) => [i.sku, i.quantity])).toEqual(
        before.items.map((i: { sku: string; quantity: number }) => [i.sku, i.quantity]),
      );
      expect(JSON.stringify(after)).not.toMatch(/sanne|12345678|Called Sanne/i);
      const order = json(await shop.merchant.call('GET', `/api/v1/orders/${finished.order.id}`));
      expect(order.customer).toMatchObject({ name: 'Anonymised', email: 'anonymised@anonymised.invalid' });
      expect(order.customer.phone ?? null).toBeNull();
      expect(order.shippingAddress).toMatchObject({ street: '—', postalCode: '—', country: finished.payload.shippingAddress.country });
      expect(order.orderNumber).toBe(finished.payload.orderNumber);

      // The open return and the recent order keep everything.
      const open = await getReturn(shop.merchant, stillOpen.ret.id);
      expect(JSON.stringify(open)).toContain('sanne@example.com');
      expect(JSON.stringify(await getReturn(shop.merchant, recent.ret.id))).toContain('sanne@example.com');

      // Once the open return ends, the next sweep takes its order too; a sweep is idempotent.
      expect((await shop.merchant.call('POST', `/api/v1/returns/${stillOpen.ret.id}/cancel`, {})).statusCode).toBe(200);
      expect(await anonymiseExpiredData(h.ctx)).toMatchObject({ orders: 1 });
      expect(await anonymiseExpiredData(h.ctx)).toMatchObject({ orders: 0 });
      expect(JSON.stringify(await getReturn(shop.merchant, stillOpen.ret.id))).not.toContain('sanne@example.com');
    } finally {
      await h.close();
    }
  });

  it("follows each merchant's own longest window, and runs as a daily job queued once per day", async () => {
    const h = await startHarness('2026-06-15T10:00:00.000Z');
    try {
      const short = await setupShop(h, { returnWindowDays: 14 });
      const long = await setupShop(h, { returnWindowDays: 365 });
      const a = await portalReturn(h, short);
      const b = await portalReturn(h, long);
      for (const [shop, r] of [
        [short, a],
        [long, b],
      ] as const)
        expect((await shop.merchant.call('POST', `/api/v1/returns/${r.ret.id}/cancel`, {})).statusCode).toBe(200);
      h.clock.advance((14 + 365) * DAY);
      await scheduleRetentionSweep(h.ctx);
      await scheduleRetentionSweep(h.ctx); // the same day: still one job
      const jobs = await h.ctx.db.selectFrom('outbox').select('id').where('topic', '=', 'retention.sweep').execute();
      expect(jobs).toHaveLength(1);
      await drainJobs(h.ctx);
      expect(JSON.stringify(await getReturn(short.merchant, a.ret.id))).not.toContain('sanne@example.com');
      expect(JSON.stringify(await getReturn(long.merchant, b.ret.id))).toContain('sanne@example.com');
    } finally {
      await h.close();
    }
  });

  it('drops settled webhook deliveries (they carry contact data) from the log after 30 days, never pending ones', async () => {
    const h = await startHarness('2026-06-15T10:00:00.000Z');
    try {
      const shop = await setupShop(h);
      const row = (id: string, status: string, daysOld: number) => ({
        merchantId: shop.merchant.id,
        id,
        endpointId: 'whe_1',
        eventId: `evt_${id}`,
        eventType: 'return.created',
        payload: '{"contact":"sanne@example.com"}',
        status,
        createdAt: new Date(h.clock.now.getTime() - daysOld * DAY).toISOString(),
      });
      await h.ctx.db
        .insertInto('webhookDeliveries')
        .values([
          row('old_ok', 'succeeded', 31),
          row('old_failed', 'failed', 40),
          row('old_pending', 'pending', 40),
          row('recent', 'succeeded', 29),
        ])
        .execute();
      expect(await anonymiseExpiredData(h.ctx)).toMatchObject({ webhookDeliveries: 2 });
      const left = await h.ctx.db.selectFrom('webhookDeliveries').select('id').orderBy('id').execute();
      expect(left.map((r) => r.id)).toEqual(['old_pending', 'recent']);
    } finally {
      await h.close();
    }
  });
});
