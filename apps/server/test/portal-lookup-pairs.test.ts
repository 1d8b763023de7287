// POST /api/portal/{slug}/lookup with any two of order number, email, postal code and tracking
// number (issue #15 item 4), and gift returns. Every miss is the same answer; misses count in the
// database-held limits as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, type Found, item, postReturn, returnBody } from './portal-helpers.ts';
import { lookup, orderPayload, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const ALL = ['order_number', 'email', 'postal_code', 'tracking_number'];

async function shopWith(portal: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  const shop = await setupShop(h, portal);
  const order = orderPayload(h, { customer: { name: 'Sanne de Vries', email: 'Sanne.de.Vries@Example.com' }, ...overrides });
  await shop.importOrders(order);
  const fields = {
    orderNumber: order.orderNumber,
    email: 'sanne.de.vries@example.com',
    postalCode: '1016gv',
    trackingNumber: order.shipments[0]?.trackingNumber as string,
  };
  return { shop, order, fields };
}

const pick = (fields: Record<string, string>, ...names: string[]) => Object.fromEntries(names.map((n) => [n, fields[n]]));

describe('any two fields, as the merchant chooses', () => {
  it.each([
    ['orderNumber', 'email'],
    ['orderNumber', 'postalCode'],
    ['orderNumber', 'trackingNumber'],
    ['email', 'postalCode'],
    ['email', 'trackingNumber'],
    ['postalCode', 'trackingNumber'],
  ])('finds the order by %s and %s when the portal takes all four fields', async (a, b) => {
    const { shop, order, fields } = await shopWith({ lookupFields: ALL });
    const res = await lookup(h, shop.slug, pick(fields, a, b));
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).order.orderNumber).toBe(order.orderNumber);
    expect(json(res).gift).toBe(false);
  });

  it('answers every miss alike, whatever the pair and whichever field is wrong', async () => {
    const { shop, fields } = await shopWith({ lookupFields: ALL });
    const wrongs: Record<string, string> = {
      orderNumber: '#999999',
      email: 'someone.else@example.com',
      postalCode: '9999ZZ',
      trackingNumber: 'TRK000000NL',
    };
    const bodies = new Set<string>();
    let n = 0;
    for (const [a, b] of [
      ['orderNumber', 'email'],
      ['email', 'postalCode'],
      ['email', 'trackingNumber'],
      ['orderNumber', 'trackingNumber'],
      ['orderNumber', 'postalCode'],
    ] as const) {
      for (const wrong of [a, b]) {
        const res = await h.app.inject({
          method: 'POST',
          url: `/api/portal/${shop.slug}/lookup`,
          payload: { ...pick(fields, a, b), [wrong]: wrongs[wrong] },
          remoteAddress: `198.51.100.${++n}`,
        });
        expectError(res, 404, 'order_not_found');
        bodies.add(res.body);
      }
    }
    expect(bodies.size).toBe(1);
  });

  it('the newest order answers when an email and postal code match several', async () => {
    const shop = await setupShop(h, { lookupFields: ['email', 'postal_code'] });
    const older = orderPayload(h, { placedAt: new Date(h.clock.now.getTime() - 9 * 86_400_000).toISOString() });
    const newer = orderPayload(h);
    await shop.importOrders(older, newer);
    const res = await lookup(h, shop.slug, { email: ' SANNE@example.com', postalCode: '1016 GV' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).order.orderNumber).toBe(newer.orderNumber);
  });

  it('refuses a pair the portal does not take with a validation error naming the field, not as a miss', async () => {
    const { shop, fields } = await shopWith({ lookupFields: ['order_number', 'email'] });
    const refused = expectError(await lookup(h, shop.slug, pick(fields, 'orderNumber', 'postalCode')), 400, 'validation_error');
    expect(refused.details?.issues[0].path).toEqual(['postalCode']);
    expect(refused.details?.issues[0].message).toBe('This shop finds orders by order number and email address.');
    expect((await lookup(h, shop.slug, pick(fields, 'orderNumber', 'email'))).statusCode).toBe(200);
  });

  it('lists the accepted pairs in the public settings, and checks the setting', async () => {
    const { shop } = await shopWith({ lookupFields: ['tracking_number', 'email', 'order_number'] });
    const pub = json(await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}` }));
    expect(pub.lookup.pairs).toEqual([
      ['order_number', 'email'],
      ['order_number', 'tracking_number'],
      ['email', 'tracking_number'],
    ]);
    for (const lookupFields of [['email'], ['email', 'email'], ['email', 'phone']]) {
      const res = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { lookupFields });
      expectError(res, 400, 'validation_error');
    }
  });

  it('counts email misses against the per-client limit, in the database', async () => {
    const { shop, fields } = await shopWith({ lookupFields: ['email', 'postal_code'] });
    const remoteAddress = '203.0.113.99';
    const attempt = (body: Record<string, unknown>) =>
      h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/lookup`, payload: body, remoteAddress });
    for (let i = 0; i < 10; i++)
      expectError(await attempt({ email: `guess${i}@example.com`, postalCode: '1016 GV' }), 404, 'order_not_found');
    const limited = await attempt(pick(fields, 'email', 'postalCode'));
    expectError(limited, 429, 'too_many_attempts');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const rows = await h.ctx.db.selectFrom('rateLimitHits').select('key').where('key', 'like', `lookup:ip:${shop.portal.id}:%`).execute();
    expect(rows).toHaveLength(10);
  });
});

describe('gift returns', () => {
  async function giftShop(portal: Record<string, unknown> = {}): Promise<{ shop: Shop; fields: Record<string, string> }> {
    const { shop, fields } = await shopWith({ giftReturns: true, ...portal });
    return { shop, fields };
  }

  it('the recipient sees no prices and only store credit or exchange', async () => {
    const { shop, fields } = await giftShop();
    const res = await lookup(h, shop.slug, { ...pick(fields, 'orderNumber', 'postalCode'), gift: true });
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body.gift).toBe(true);
    expect(body.order.items.map((i: { unitPrice: unknown }) => i.unitPrice)).toEqual([null, null, null]);
    expect(body.options.resolutions).toEqual(['store_credit', 'exchange']);
    expect(res.body).not.toContain('29.95');
  });

  it('a gift token cannot ask for a refund; store credit goes through to the recipient’s email', async () => {
    const { shop, fields } = await giftShop();
    const found = json<Found>(await lookup(h, shop.slug, { ...pick(fields, 'orderNumber', 'postalCode'), gift: true }));
    const itemId = item(found, 'TS-M').id;
    const refund = await postReturn(h, shop.slug, found.token, returnBody(itemId, { contact: { email: 'recipient@example.com' } }));
    const error = expectError(refund, 422, 'resolution_not_available');
    expect(error.details?.allowed).toEqual(['store_credit', 'exchange']);
    const credit = await postReturn(
      h,
      shop.slug,
      found.token,
      returnBody(itemId, { resolution: 'store_credit', contact: { email: 'recipient@example.com' } }),
    );
    expect(credit.statusCode, credit.body).toBe(201);
    const list = json(await shop.merchant.call('GET', `/api/v1/returns/${json(credit).id}`));
    expect(list.contact.email).toBe('recipient@example.com');
  });

  it('a portal without gift returns says so; the setting needs store credit or exchange', async () => {
    const { shop, fields } = await shopWith({});
    expectError(await lookup(h, shop.slug, { ...pick(fields, 'orderNumber', 'postalCode'), gift: true }), 422, 'gift_returns_not_offered');
    const res = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { giftReturns: true, resolutions: ['refund'] });
    expect(expectError(res, 400, 'validation_error').details?.issues[0].path).toEqual(['giftReturns']);
  });
});
