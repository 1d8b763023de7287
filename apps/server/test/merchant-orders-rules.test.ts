// Shipping rules decide the brand and sender address of imported orders (api.md "Merchant API" /
// order import item; domain.md "Concepts": orders, shipping rules).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, importOrder } from './merchant-helpers.ts';
import { eur, lookup, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const post = (shop: Shop, orders: unknown[]) => shop.merchant.call('POST', '/api/v1/orders', { orders });

describe('shipping rules decide the brand of imported orders', () => {
  /** Brand A (the shop's; its sender is the first, so the default) and brand B with sender X and its own portal. */
  async function twoBrands() {
    const shop = await setupShop(h);
    const m = shop.merchant;
    h.clock.advance(1000);
    const brandB = json(await m.call('POST', '/api/v1/brands', { name: 'Acme BE' }));
    const addr = { street: 'Meir', houseNumber: '1', postalCode: '2000', city: 'Antwerpen', country: 'BE' };
    const senderX = json(await m.call('POST', '/api/v1/addresses', { kind: 'sender', brandId: brandB.id, name: 'Acme BE', ...addr }));
    const returnB = json(
      await m.call('POST', '/api/v1/addresses', { kind: 'return', brandId: brandB.id, name: 'Acme BE Returns', ...addr }),
    );
    const slugB = `acme-be-${Math.random().toString(36).slice(2, 8)}`;
    const portalB = await m.call('POST', '/api/v1/portals', {
      slug: slugB,
      brandId: brandB.id,
      enabled: true,
      returnAddressId: returnB.id,
    });
    expect(portalB.statusCode, portalB.body).toBe(201);
    const rule = async (name: string, position: number, conditions: unknown[], senderAddressId: string) => {
      const res = await m.call('POST', '/api/v1/shipping-rules', { name, position, conditions, action: { senderAddressId } });
      expect(res.statusCode, res.body).toBe(201);
      return json(res);
    };
    const brandOf = async (overrides: Record<string, unknown>) => {
      const { payload, order } = await importOrder(h, shop, overrides);
      return { payload, order, brandId: order.brandId, senderAddressId: order.senderAddressId };
    };
    return { shop, m, brandB, senderX, slugB, rule, brandOf };
  }

  it('if integration eq "Webshop BE" then sender X: the order gets brand B and only brand B\'s portal finds it', async () => {
    const t = await twoBrands();
    await t.rule('BE shop', 1, [{ field: 'integration', op: 'eq', value: 'Webshop BE' }], t.senderX.id);
    const be = await t.brandOf({ integration: 'Webshop BE' });
    expect(be).toMatchObject({ brandId: t.brandB.id, senderAddressId: t.senderX.id });
    const nl = await t.brandOf({ integration: 'Webshop' });
    expect(nl).toMatchObject({ brandId: t.shop.brand.id, senderAddressId: t.shop.sender.id });
    expect(json(await t.m.call('GET', `/api/v1/orders/${be.order.id}`)).brandId).toBe(t.brandB.id);

    const find = (slug: string, p: typeof be.payload) =>
      lookup(h, slug, { orderNumber: p.orderNumber, postalCode: p.shippingAddress.postalCode });
    expect((await find(t.slugB, be.payload)).statusCode).toBe(200);
    expectError(await find(t.shop.slug, be.payload), 404, 'order_not_found');
    expect((await find(t.shop.slug, nl.payload)).statusCode).toBe(200);
    expectError(await find(t.slugB, nl.payload), 404, 'order_not_found');
  });

  it.each([
    [
      'country in',
      [{ field: 'country', op: 'in', value: ['BE', 'LU'] }],
      { shippingAddress: { name: 'A', street: 'Meir', postalCode: '2000', city: 'Antwerpen', country: 'BE' } },
    ],
    [
      'country in (lower-case value)',
      [{ field: 'country', op: 'in', value: ['lu', 'be'] }],
      { shippingAddress: { name: 'A', street: 'Meir', postalCode: '2000', city: 'Antwerpen', country: 'be' } },
    ],
    [
      'tag in',
      [{ field: 'tag', op: 'in', value: ['b2b', 'wholesale'] }],
      { items: [{ externalId: 'a', sku: 'A', name: 'A', quantity: 1, unitPrice: eur('1.00'), tags: ['wholesale'] }] },
    ],
    [
      'sku in',
      [{ field: 'sku', op: 'in', value: ['BE-ONLY'] }],
      {
        items: [
          { externalId: 'a', sku: 'X', name: 'X', quantity: 1, unitPrice: eur('1.00') },
          { externalId: 'b', sku: 'BE-ONLY', name: 'B', quantity: 1, unitPrice: eur('1.00') },
        ],
      },
    ],
    [
      'integration and country (all conditions)',
      [
        { field: 'integration', op: 'eq', value: 'Webshop' },
        { field: 'country', op: 'eq', value: 'NL' },
      ],
      {},
    ],
  ])('a rule on %s assigns brand B to matching orders only', async (_name, conditions, matching) => {
    const t = await twoBrands();
    await t.rule('rule', 1, conditions, t.senderX.id);
    expect((await t.brandOf(matching)).brandId).toBe(t.brandB.id);
    const nonMatching = {
      integration: 'Other shop',
      shippingAddress: { name: 'A', street: 'Dam', postalCode: '1012 AB', city: 'Amsterdam', country: 'DE' },
    };
    expect((await t.brandOf(nonMatching)).brandId).toBe(t.shop.brand.id);
  });

  it('the first matching rule by position wins, whatever the creation order', async () => {
    const t = await twoBrands();
    await t.rule('late but first', 20, [{ field: 'country', op: 'eq', value: 'NL' }], t.senderX.id);
    await t.rule('all NL orders', 5, [{ field: 'integration', op: 'eq', value: 'Webshop' }], t.shop.sender.id);
    await t.rule('never reached', 30, [], t.shop.sender.id);
    expect(await t.brandOf({})).toMatchObject({ brandId: t.shop.brand.id, senderAddressId: t.shop.sender.id });
    expect(await t.brandOf({ integration: 'POS' })).toMatchObject({ brandId: t.brandB.id, senderAddressId: t.senderX.id });
    expect(
      await t.brandOf({ integration: 'POS', shippingAddress: { name: 'A', street: 'B', postalCode: '1', city: 'C', country: 'FR' } }),
    ).toMatchObject({
      brandId: t.shop.brand.id,
      senderAddressId: t.shop.sender.id,
    });
  });

  it('an explicit brandId on the order wins over the rules', async () => {
    const t = await twoBrands();
    await t.rule('BE', 1, [{ field: 'integration', op: 'eq', value: 'Webshop' }], t.senderX.id);
    expect((await t.brandOf({ brandId: t.shop.brand.id })).brandId).toBe(t.shop.brand.id);
  });

  it('re-applies the rules when an order is updated', async () => {
    const t = await twoBrands();
    const { payload, order } = await t.brandOf({});
    expect(order.brandId).toBe(t.shop.brand.id);
    await t.rule('move', 1, [{ field: 'integration', op: 'eq', value: 'Webshop' }], t.senderX.id);
    expect(json(await post(t.shop, [payload])).updated).toBe(1);
    expect(json(await t.m.call('GET', `/api/v1/orders/${order.id}`)).brandId).toBe(t.brandB.id);
  });
});
