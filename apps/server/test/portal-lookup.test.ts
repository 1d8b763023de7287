// POST /api/portal/{slug}/lookup: finding an order (domain.md "Finding an order").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, found } from './portal-helpers.ts';
import { lookup, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe('lookup by order number and postal code', () => {
  it.each([
    ['exact', '#AB-7001', '1016 GV'],
    ['surrounding spaces', ' #AB-7001 ', '1016 GV'],
    ['no leading #', 'AB-7001', '1016 GV'],
    ['lowercase letters', '#ab-7001', '1016gv'],
    ['lowercase without #, spaced', '  ab-7001', ' 1016  gv '],
    ['hyphenated postal code', 'Ab-7001', '1016-GV'],
    ['lowercase hyphenated postal code', '#aB-7001', '1016-gv'],
  ])('finds the order (%s: %j + %j)', async (_case, orderNumber, postalCode) => {
    const shop = await setupShop(h);
    const order = orderPayload(h, { orderNumber: '#AB-7001' });
    await shop.importOrders(order);
    const res = await lookup(h, shop.slug, { orderNumber, postalCode });
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body.order.orderNumber).toBe('#AB-7001');
    expect(body.order.country).toBe('NL');
    expect(body.order.items.map((i: { sku: string }) => i.sku)).toEqual(['TS-M', 'JN-32', 'SCARF']);
  });

  it('normalises the stored order number too (stored lowercase, typed uppercase)', async () => {
    const shop = await setupShop(h);
    const order = orderPayload(h, {
      orderNumber: 'web-55x',
      shippingAddress: { ...orderPayload(h).shippingAddress, postalCode: 'sw1a 1aa', country: 'GB' },
    });
    await shop.importOrders(order);
    const res = await lookup(h, shop.slug, { orderNumber: '#WEB-55X', postalCode: 'SW1A1AA' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).order.orderNumber).toBe('web-55x');
  });

  it('answers with a short-lived token, masked contact and the options of the portal', async () => {
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const result = await found(h, shop.slug, order);
    expect(result.token).toEqual(expect.any(String));
    const ttl = new Date(result.expiresAt).getTime() - h.clock.now.getTime();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30 * 60 * 1000);
    const body = result as unknown as Record<string, any>;
    expect(body.order.email).toBe('s***@example.com');
    expect(body.order.items[0]).toMatchObject({
      sku: 'TS-M',
      name: 'T-shirt',
      quantity: 2,
      unitPrice: { value: '29.95', currency: 'EUR' },
    });
    expect(result.options.methods.map((m) => m.method)).toEqual(['drop_off', 'drop_off_labelless', 'pickup']);
    expect(result.options.resolutions).toEqual(['refund', 'store_credit', 'exchange']);
    expect(result.options.reasons.find((r) => r.code === 'other')).toEqual({ code: 'other', label: 'Other', commentRequired: true });
    expect(result.options.reasons.find((r) => r.code === 'too_small')).toEqual({
      code: 'too_small',
      label: 'Too small',
      commentRequired: false,
    });
  });
});

describe('lookup by outbound tracking number and postal code', () => {
  it.each([
    ['as printed', 'TRK-9001-NL', '1016 GV'],
    ['lowercase', 'trk-9001-nl', '1016gv'],
    ['with spaces', ' trk-9001 -nl ', '1016-GV'],
    ['spaced and mixed case', 'Trk-90 01-nL', ' 1016 gv'],
  ])('finds the order (%s: %j)', async (_case, trackingNumber, postalCode) => {
    const shop = await setupShop(h);
    const base = orderPayload(h);
    const order = { ...base, shipments: [{ ...base.shipments[0], trackingNumber: 'TRK-9001-NL' }] };
    await shop.importOrders(order);
    const res = await lookup(h, shop.slug, { trackingNumber, postalCode });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).order.orderNumber).toBe(order.orderNumber);
  });

  it('finds an order shipped in several parcels by any of their tracking numbers', async () => {
    const shop = await setupShop(h);
    const base = orderPayload(h);
    const first = { ...base.shipments[0], trackingNumber: 'PARCEL-ONE', items: [{ externalId: 'l1', quantity: 2 }] };
    const second = {
      ...base.shipments[0],
      trackingNumber: 'PARCEL-TWO',
      items: [
        { externalId: 'l2', quantity: 1 },
        { externalId: 'l3', quantity: 1 },
      ],
    };
    const order = { ...base, shipments: [first, second] };
    await shop.importOrders(order);
    for (const trackingNumber of ['parcel-one', 'PARCEL-TWO']) {
      const res = await lookup(h, shop.slug, { trackingNumber, postalCode: '1016GV' });
      expect(res.statusCode, res.body).toBe(200);
      expect(json(res).order.items).toHaveLength(3);
    }
  });

  it('is refused with the postal code of another address', async () => {
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    expectError(
      await lookup(h, shop.slug, { trackingNumber: order.shipments[0]!.trackingNumber, postalCode: '1012AB' }),
      404,
      'order_not_found',
    );
  });
});

describe('a portal that finds orders only by tracking number', () => {
  it('refuses order-number lookups with a validation error but accepts the tracking number', async () => {
    const shop = await setupShop(h, { allowReturnsWithoutOutboundShipment: false });
    const order = orderPayload(h);
    await shop.importOrders(order);

    const byNumber = await lookup(h, shop.slug, { orderNumber: order.orderNumber, postalCode: '1016 GV' });
    const error = expectError(byNumber, 400, 'validation_error');
    expect(error.details?.issues.map((i: { path: unknown[] }) => i.path)).toContainEqual(['orderNumber']);

    const byTracking = await lookup(h, shop.slug, {
      trackingNumber: order.shipments[0]!.trackingNumber.toLowerCase(),
      postalCode: '1016gv',
    });
    expect(byTracking.statusCode, byTracking.body).toBe(200);
    expect(json(byTracking).order.orderNumber).toBe(order.orderNumber);
  });
});

describe('scoping', () => {
  it("does not find an order of brand B through brand A's portal of the same merchant", async () => {
    const a = await setupShop(h);
    const b = await setupShop(h, {}, a.merchant);
    expect(b.brand.id).not.toBe(a.brand.id);
    const orderA = orderPayload(h, { brandId: a.brand.id });
    const orderB = orderPayload(h, { brandId: b.brand.id });
    await a.importOrders(orderA, orderB);

    expectError(await lookup(h, a.slug, { orderNumber: orderB.orderNumber, postalCode: '1016 GV' }), 404, 'order_not_found');
    expectError(
      await lookup(h, a.slug, { trackingNumber: orderB.shipments[0]!.trackingNumber, postalCode: '1016 GV' }),
      404,
      'order_not_found',
    );
    expectError(await lookup(h, b.slug, { orderNumber: orderA.orderNumber, postalCode: '1016 GV' }), 404, 'order_not_found');

    expect((await found(h, b.slug, orderB)).order.orderNumber).toBe(orderB.orderNumber);
    expect((await found(h, a.slug, orderA)).order.orderNumber).toBe(orderA.orderNumber);
  });

  it("does not find another merchant's order with the same number and postal code", async () => {
    const mine = await setupShop(h);
    const theirs = await setupShop(h, {}, await newMerchant(h, 'Other'));
    const order = orderPayload(h, { orderNumber: '#SAME-1' });
    await theirs.importOrders(order);
    expectError(await lookup(h, mine.slug, { orderNumber: '#SAME-1', postalCode: '1016 GV' }), 404, 'order_not_found');
    await found(h, theirs.slug, order);
  });

  it('answers 404 portal_not_found for an unknown or a disabled portal, with one body', async () => {
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const body = { orderNumber: order.orderNumber, postalCode: '1016 GV' };
    const unknown = await lookup(h, 'no-such-portal', body);
    expectError(unknown, 404, 'portal_not_found');

    const patched = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { enabled: false });
    expect(patched.statusCode, patched.body).toBe(200);
    const disabled = await lookup(h, shop.slug, body);
    expectError(disabled, 404, 'portal_not_found');
    expect(disabled.body).toBe(unknown.body);

    await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { enabled: true });
    await found(h, shop.slug, order);
  });
});

describe('not found is one answer (no oracle)', () => {
  it('gives byte-identical bodies for a wrong order number, a wrong postal code, another brand and a wrong tracking number', async () => {
    const a = await setupShop(h);
    const b = await setupShop(h, {}, a.merchant);
    const order = orderPayload(h, { brandId: a.brand.id });
    const other = orderPayload(h, { brandId: b.brand.id });
    await a.importOrders(order, other);
    const tracking = order.shipments[0]!.trackingNumber;

    for (const query of ['', '?lang=nl']) {
      const attempts = [
        { orderNumber: '#999999', postalCode: '1016 GV' }, // wrong number
        { orderNumber: order.orderNumber, postalCode: '9999 ZZ' }, // right number, wrong postal code
        { orderNumber: other.orderNumber, postalCode: '1016 GV' }, // right details, other brand
        { trackingNumber: 'NOPE123', postalCode: '1016 GV' }, // wrong tracking number
        { trackingNumber: tracking, postalCode: '9999 ZZ' }, // right tracking number, wrong postal code
      ];
      const responses = [];
      for (const [i, attempt] of attempts.entries()) {
        responses.push(
          await h.app.inject({
            method: 'POST',
            url: `/api/portal/${a.slug}/lookup${query}`,
            payload: attempt,
            remoteAddress: `10.9.${i}.1`,
          }),
        );
      }
      for (const res of responses) {
        expectError(res, 404, 'order_not_found');
        expect(res.body).toBe(responses[0]!.body);
        expect(res.headers['content-type']).toBe(responses[0]!.headers['content-type']);
        expect(res.headers['retry-after']).toBeUndefined();
      }
    }
  });
});

describe('localised error messages', () => {
  const english = 'We could not find an order with these details.';
  it.each([
    ['?lang=nl', {}, /bestelling/i],
    ['', { 'accept-language': 'de' }, /Bestellung/],
    ['', { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' }, /Bestellung/],
    ['', { 'accept-language': 'fr-BE, fr;q=0.9' }, /commande/],
    ['?lang=it', { 'accept-language': 'de' }, /ordine/],
    ['?lang=nl', { 'accept-language': 'fr' }, /bestelling/i],
  ])('localises order_not_found (%s %j) and keeps the code', async (query, headers, expected) => {
    const shop = await setupShop(h);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/lookup${query}`,
      payload: { orderNumber: '#404', postalCode: '1016 GV' },
      headers,
    });
    const error = expectError(res, 404, 'order_not_found');
    expect(error.message).toMatch(expected);
    expect(error.message).not.toContain(english);
  });

  it('falls back to English for a language the portal API does not speak', async () => {
    const shop = await setupShop(h);
    const res = await lookup(h, shop.slug, { orderNumber: '#404', postalCode: '1016 GV' }, { 'accept-language': 'es-ES,es' });
    expect(expectError(res, 404, 'order_not_found').message).toContain(english);
  });

  it('localises portal_not_found too', async () => {
    const res = await lookup(h, 'no-such-portal', { orderNumber: '#1', postalCode: '1016 GV' }, { 'accept-language': 'nl-NL' });
    expect(expectError(res, 404, 'portal_not_found').message).toMatch(/retourportaal/);
  });
});
