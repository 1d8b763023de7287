// Manual returns created by staff through the merchant API (api.md "Merchant API"; domain.md
// "Return window").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAgo, expectError, importOrder } from './merchant-helpers.ts';
import { setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe('POST /api/v1/returns (manual return by staff)', () => {
  const manual = (shop: Shop, order: any, extra: Record<string, unknown> = {}) =>
    shop.merchant.call('POST', '/api/v1/returns', {
      orderId: order.id,
      portalId: shop.portal.id,
      items: [{ orderItemId: order.items[0].id, quantity: 1, reason: 'too_small' }],
      method: 'drop_off',
      carrier: 'sandbox',
      resolution: 'refund',
      ...extra,
    });

  it('creates a return (201) recorded as made by the API key', async () => {
    const shop = await setupShop(h);
    const { order } = await importOrder(h, shop);
    const res = await manual(shop, order, { contact: { email: 'support-case@example.com' }, language: 'nl' });
    expect(res.statusCode, res.body).toBe(201);
    const ret = json(res);
    expect(ret).toMatchObject({
      id: expect.stringMatching(/^ret_/),
      status: 'open',
      orderId: order.id,
      portal: shop.slug,
      windowOverridden: false,
      language: 'nl',
      contact: { email: 'support-case@example.com' },
    });
    expect(ret.label.trackingNumber).toMatch(/^RTR\d{17}$/);
    expect(ret.timeline[0]).toMatchObject({ type: 'created', status: 'open', actor: expect.stringMatching(/^api_key:/), data: null });
    expect(json(await shop.merchant.call('GET', `/api/v1/orders/${order.id}`)).returns.map((r: any) => r.id)).toEqual([ret.id]);
  });

  it('outside the window needs overrideWindow, and the override is recorded', async () => {
    const shop = await setupShop(h);
    const { order } = await importOrder(h, shop, {
      placedAt: daysAgo(h, 70),
      shipments: [
        { carrier: 'sandbox', trackingNumber: 'OLD1', shippedAt: daysAgo(h, 62), deliveredAt: daysAgo(h, 60), deliveredTo: 'home' },
      ],
    });
    const refused = expectError(await manual(shop, order), 422, 'item_not_returnable');
    expect(refused.details).toMatchObject({ index: 0, orderItemId: order.items[0].id, reason: 'return_window_expired' });
    expectError(await manual(shop, order, { overrideWindow: false }), 422, 'item_not_returnable');
    expect(json(await shop.merchant.call('GET', '/api/v1/returns')).data).toEqual([]);

    const res = await manual(shop, order, { overrideWindow: true, overrideReason: 'Goodwill: customer was in hospital' });
    expect(res.statusCode, res.body).toBe(201);
    const ret = json(res);
    expect(ret.windowOverridden).toBe(true);
    const created = ret.timeline.find((e: any) => e.type === 'created');
    expect(created).toMatchObject({
      actor: expect.stringMatching(/^api_key:/),
      data: { overrideWindow: true, outsideWindow: true, note: 'Goodwill: customer was in hospital' },
    });
    // the override does not lift the other rules
    expectError(
      await manual(shop, order, { overrideWindow: true, items: [{ orderItemId: order.items[2].id, quantity: 1, reason: 'too_small' }] }),
      422,
      'item_not_returnable',
    );
    expectError(
      await manual(shop, order, { overrideWindow: true, items: [{ orderItemId: order.items[0].id, quantity: 2, reason: 'too_small' }] }),
      422,
      'quantity_exceeds_returnable',
    );
  });

  it("using another brand's portal needs overrideBrand, and the override is recorded", async () => {
    const shop = await setupShop(h);
    const m = shop.merchant;
    const brandB = json(await m.call('POST', '/api/v1/brands', { name: 'Other brand' }));
    const portalB = json(
      await m.call('POST', '/api/v1/portals', {
        slug: `b-${Math.random().toString(36).slice(2, 8)}`,
        brandId: brandB.id,
        enabled: true,
        returnAddressId: shop.returnAddress.id,
      }),
    );
    const { order } = await importOrder(h, shop);
    const refused = expectError(await manual(shop, order, { portalId: portalB.id }), 422, 'brand_override_required');
    expect(refused.details).toMatchObject({ orderBrandId: shop.brand.id, portalBrandId: brandB.id });
    const res = await manual(shop, order, { portalId: portalB.id, overrideBrand: true });
    expect(res.statusCode, res.body).toBe(201);
    const ret = json(res);
    expect(ret.portal).toBe(portalB.slug);
    const created = ret.timeline.find((e: any) => e.type === 'created');
    expect(created.data?.note, JSON.stringify(created)).toContain(portalB.slug);
  });

  it('answers 404 for an unknown order or portal', async () => {
    const shop = await setupShop(h);
    const { order } = await importOrder(h, shop);
    expectError(await manual(shop, { ...order, id: 'ord_doesnotexist' }), 404, 'order_not_found');
    expectError(await manual(shop, order, { portalId: 'prt_doesnotexist' }), 404, 'not_found');
  });
});
