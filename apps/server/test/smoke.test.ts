import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalReturn, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

describe('a return from lookup to refund', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('looks up an order, creates a return, receives and refunds it', async () => {
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const created = await createPortalReturn(h, shop.slug, order);
    expect(created.statusCode, created.body).toBe(201);
    const ret = json(created);
    expect(ret.status).toBe('open');
    expect(ret.label.trackingNumber).toMatch(/^RTR\d{17}$/);

    const m = shop.merchant;
    const received = await m.call('POST', `/api/v1/returns/${ret.id}/receive`, {
      items: [{ orderItemId: ret.items[0].orderItemId, quantity: 1, condition: 'as_new', restocked: true }],
    });
    expect(received.statusCode, received.body).toBe(200);
    expect(json(received).proposedRefund).toEqual({ value: '29.95', currency: 'EUR' });
    const refunded = await m.call('POST', `/api/v1/returns/${ret.id}/refunds`, {});
    expect(refunded.statusCode, refunded.body).toBe(201);
    expect(json(refunded).refundTotal).toEqual({ value: '29.95', currency: 'EUR' });
    const done = await m.call('POST', `/api/v1/returns/${ret.id}/resolve`, {});
    expect(json(done).status).toBe('completed');
  });
});
