// POST /api/portal/{slug}/returns: the shopper's choices checked against order, portal and carriers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, found, item, postReturn, returnBody, tomorrow } from './portal-helpers.ts';
import { eur, lookup, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

/** A fresh shop with one imported order, looked up: the token and the item ids by SKU. */
async function ready(portal: Record<string, unknown> = {}, order: Record<string, unknown> = {}) {
  h.clock.set('2026-06-15T10:00:00.000Z');
  const shop = await setupShop(h, portal);
  const payload = orderPayload(h, order);
  await shop.importOrders(payload);
  const result = await found(h, shop.slug, payload);
  const ids = Object.fromEntries(result.order.items.map((i) => [i.sku, i.id])) as Record<'TS-M' | 'JN-32' | 'SCARF', string>;
  return { shop, order: payload, result, token: result.token, ids };
}

describe('approval', () => {
  it('automatic: the return is open at once, booked with the carrier', async () => {
    const { shop, token, ids } = await ready();
    const res = await postReturn(h, shop.slug, token, returnBody(ids['TS-M']));
    expect(res.statusCode, res.body).toBe(201);
    const ret = json(res);
    expect(ret).toMatchObject({ status: 'open', portal: shop.slug, method: 'drop_off', carrier: 'sandbox', resolution: 'refund' });
    expect(ret.id).toMatch(/^ret_/);
    expect(ret.reference).toMatch(/^R-[0-9A-Z]{6}$/);
    expect(ret.label.status).toBe('ready');
    expect(ret.label.formats).toEqual(['a6', 'a4', '4x6', 'zpl']);
    expect(ret.label.trackingNumber).toMatch(/^RTR\d{17}$/);
    expect(ret.accessCode).toEqual(expect.any(String));
    expect(ret.items).toEqual([
      {
        orderItemId: ids['TS-M'],
        sku: 'TS-M',
        name: 'T-shirt',
        quantity: 1,
        reason: 'too_small',
        comment: null,
        condition: null,
        kept: false,
      },
    ]);
    expect(ret.fee).toEqual(eur('0.00'));
    expect(ret.timeline[0]).toMatchObject({ type: 'created', status: 'open' });
  });

  it('manual: the return waits as requested, without label or tracking number', async () => {
    const { shop, token, ids } = await ready({ approval: 'manual' });
    const res = await postReturn(h, shop.slug, token, returnBody(ids['TS-M']));
    expect(res.statusCode, res.body).toBe(201);
    const ret = json(res);
    expect(ret.status).toBe('requested');
    expect(ret.label).toMatchObject({ status: 'none', trackingNumber: null });
    expect(ret.timeline.map((e: { type: string }) => e.type)).not.toContain('carrier_booked');
  });

  it('gives every automatic return its own tracking number', async () => {
    const { shop, order, ids } = await ready();
    const numbers = new Set<string>();
    for (const sku of ['TS-M', 'TS-M', 'JN-32'] as const) {
      const { token } = await found(h, shop.slug, order);
      const res = await postReturn(h, shop.slug, token, returnBody(ids[sku]));
      expect(res.statusCode, res.body).toBe(201);
      numbers.add(json(res).label.trackingNumber);
    }
    expect(numbers.size).toBe(3);
  });
});

describe('refusals', () => {
  const line = (orderItemId: string, more: Record<string, unknown> = {}) => ({ orderItemId, quantity: 1, reason: 'too_small', ...more });
  it.each([
    [
      'quantity above returnable',
      (ids: Record<string, string>) => ({ items: [line(ids['TS-M']!, { quantity: 3 })] }),
      'quantity_exceeds_returnable',
    ],
    ['a final-sale item', (ids: Record<string, string>) => ({ items: [line(ids.SCARF!)] }), 'item_not_returnable'],
    ['an item of another order', () => ({ items: [line('itm_not_in_this_order')] }), 'item_not_returnable'],
    ['an unknown reason', (ids: Record<string, string>) => ({ items: [line(ids['TS-M']!, { reason: 'bored_of_it' })] }), 'invalid_reason'],
    [
      'a catalogue reason the portal does not offer',
      (ids: Record<string, string>) => ({ items: [line(ids['TS-M']!, { reason: 'defective' })] }),
      'invalid_reason',
    ],
    [
      '"other" without a comment',
      (ids: Record<string, string>) => ({ items: [line(ids['TS-M']!, { reason: 'other' })] }),
      'comment_required',
    ],
    [
      '"other" with a blank comment',
      (ids: Record<string, string>) => ({ items: [line(ids['TS-M']!, { reason: 'other', comment: '   ' })] }),
      'comment_required',
    ],
    ['a method the portal does not offer', () => ({ method: 'in_store' }), 'method_not_available'],
    ['a carrier the portal does not offer', () => ({ carrier: 'dhl_express' }), 'method_not_available'],
    ['a carrier that cannot do the method', () => ({ method: 'drop_off_labelless', carrier: 'sandbox_courier' }), 'method_not_available'],
    ['a resolution the portal does not offer', () => ({ resolution: 'exchange' }), 'resolution_not_available'],
  ])('refuses %s', async (_name, change, code) => {
    const { shop, order, token, ids } = await ready({ resolutions: ['refund', 'store_credit'] });
    const res = await postReturn(h, shop.slug, token, { ...returnBody(ids['TS-M']), ...change(ids) });
    expectError(res, 422, code);
    // nothing was created: the full quantity is still returnable
    expect(item(await found(h, shop.slug, order), 'TS-M').returnableQuantity).toBe(2);
    expect(json(await shop.merchant.call('GET', '/api/v1/returns')).data).toEqual([]);
  });

  it('names the item and the quantity left when asking too many', async () => {
    const { shop, token, ids } = await ready();
    const res = await postReturn(
      h,
      shop.slug,
      token,
      returnBody(ids['TS-M'], { items: [line(ids['JN-32']), line(ids['TS-M'], { quantity: 5 })] }),
    );
    expect(expectError(res, 422, 'quantity_exceeds_returnable').details).toMatchObject({
      index: 1,
      orderItemId: ids['TS-M'],
      returnableQuantity: 2,
    });
  });

  it('accepts "other" with a comment, and a comment on any reason', async () => {
    const { shop, token, ids } = await ready();
    const res = await postReturn(
      h,
      shop.slug,
      token,
      returnBody(ids['TS-M'], {
        items: [
          line(ids['TS-M'], { reason: 'other', comment: '  Colour differs from the photo  ' }),
          line(ids['JN-32'], { reason: 'too_large', comment: 'One size down' }),
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).items.map((i: { reason: string; comment: string | null }) => [i.reason, i.comment])).toEqual([
      ['other', 'Colour differs from the photo'],
      ['too_large', 'One size down'],
    ]);
  });

  it('accepts a merchant-defined reason', async () => {
    const { shop, token, ids } = await ready({
      reasons: [{ code: 'gift_unwanted', labels: { en: 'Unwanted gift', nl: 'Ongewenst cadeau' } }],
    });
    const res = await postReturn(h, shop.slug, token, returnBody(ids['TS-M'], { items: [line(ids['TS-M'], { reason: 'gift_unwanted' })] }));
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).items[0].reason).toBe('gift_unwanted');
  });

  it('refuses a method the carriers could do but the portal does not offer', async () => {
    const { shop, result, token, ids } = await ready({ methods: ['drop_off'] });
    expect(result.options.methods.map((m) => m.method)).toEqual(['drop_off']);
    const res = await postReturn(h, shop.slug, token, returnBody(ids['TS-M'], { method: 'pickup', pickup: { date: tomorrow(h) } }));
    expect(expectError(res, 422, 'method_not_available').details).toMatchObject({ method: 'pickup', available: ['drop_off'] });
  });

  it('refuses a carrier that the portal allows only for another country', async () => {
    const de = {
      ...orderPayload(h).shippingAddress,
      street: 'Unter den Linden',
      houseNumber: '1',
      postalCode: '10117',
      city: 'Berlin',
      country: 'DE',
    };
    const { shop, order, result, token, ids } = await ready({}, { shippingAddress: de });
    expect(result.order.country).toBe('DE');
    // NL may use sandbox and sandbox_courier; every other country only sandbox
    expect(result.options.methods.flatMap((m) => m.carriers.map((c) => c.code))).not.toContain('sandbox_courier');
    const res = await postReturn(
      h,
      shop.slug,
      token,
      returnBody(ids['TS-M'], {
        method: 'pickup',
        carrier: 'sandbox_courier',
        pickup: { date: tomorrow(h) },
        contact: { email: 'a@example.com', phone: '+49 30 1234567' },
      }),
    );
    expect(expectError(res, 422, 'method_not_available').details).toMatchObject({ carrier: 'sandbox_courier', available: ['sandbox'] });
    const ok = await postReturn(h, shop.slug, (await found(h, shop.slug, order)).token, returnBody(ids['TS-M']));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses the lookup for a country without carriers: 422 no_return_method_for_country', async () => {
    h.clock.set('2026-06-15T10:00:00.000Z');
    const shop = await setupShop(h, { carriers: { NL: ['sandbox'], DE: ['sandbox'] } });
    const be = {
      ...orderPayload(h).shippingAddress,
      street: 'Grote Markt',
      houseNumber: '1',
      postalCode: '1000',
      city: 'Brussel',
      country: 'BE',
    };
    const order = orderPayload(h, { shippingAddress: be });
    const nl = orderPayload(h);
    await shop.importOrders(order, nl);
    const res = await lookup(h, shop.slug, { orderNumber: order.orderNumber, postalCode: '1000' });
    expect(expectError(res, 422, 'no_return_method_for_country').details).toMatchObject({ country: 'BE' });
    await found(h, shop.slug, nl);
  });
});

describe('phone numbers', () => {
  const courier = (overrides: Record<string, unknown> = {}) => ({ method: 'pickup', carrier: 'sandbox_courier', ...overrides });

  it('asks for a phone number when the carrier needs one and neither order nor request has it', async () => {
    const { shop, result, token, ids } = await ready();
    const pickup = result.options.methods.find((m) => m.method === 'pickup');
    expect(pickup?.carriers.find((c) => c.code === 'sandbox_courier')?.phoneRequired).toBe(true);
    expect((result as unknown as { order: { phoneKnown: boolean } }).order.phoneKnown).toBe(false);
    const body = returnBody(ids['TS-M'], courier({ pickup: { date: tomorrow(h) } }));
    const refused = await postReturn(h, shop.slug, token, body);
    expect(expectError(refused, 422, 'phone_required').details).toMatchObject({ carrier: 'sandbox_courier' });
    const dropOff = await postReturn(h, shop.slug, token, returnBody(ids['TS-M'], { carrier: 'sandbox_courier' }));
    expectError(dropOff, 422, 'phone_required');

    const ok = await postReturn(h, shop.slug, token, { ...body, contact: { email: 'sanne@example.com', phone: '+31 6 12345678' } });
    expect(ok.statusCode, ok.body).toBe(201);
    const ret = json(ok);
    expect(ret).toMatchObject({ status: 'open', method: 'pickup', carrier: 'sandbox_courier' });
    const staff = json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`));
    expect(staff.contact.phone).toBe('+31 6 12345678');
  });

  it("uses the order's phone number when the request has none", async () => {
    const { shop, result, token, ids } = await ready(
      {},
      { customer: { name: 'Sanne de Vries', email: 'sanne@example.com', phone: '+31 20 5550000' } },
    );
    expect((result as unknown as { order: { phoneKnown: boolean } }).order.phoneKnown).toBe(true);
    const res = await postReturn(h, shop.slug, token, returnBody(ids['TS-M'], courier({ pickup: { date: tomorrow(h) } })));
    expect(res.statusCode, res.body).toBe(201);
  });

  it('does not ask for a phone number for a carrier that needs none', async () => {
    const { shop, token, ids } = await ready();
    const res = await postReturn(
      h,
      shop.slug,
      token,
      returnBody(ids['TS-M'], { method: 'pickup', carrier: 'sandbox', pickup: { date: tomorrow(h) } }),
    );
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('return fee', () => {
  it('charges the fee for drop-off methods only, in the lookup options and on the return', async () => {
    const { shop, order, result, token, ids } = await ready({ returnFee: { amount: eur('2.95'), payment: 'deduct_from_refund' } });
    const fees = Object.fromEntries(result.options.methods.map((m) => [m.method, m.carriers.map((c) => c.fee)]));
    expect(fees.drop_off).toEqual([eur('2.95'), eur('2.95')]);
    expect(fees.drop_off_labelless).toEqual([eur('2.95')]);
    expect(fees.pickup).toEqual([eur('0.00'), eur('0.00')]);

    const dropOff = await postReturn(h, shop.slug, token, returnBody(ids['TS-M']));
    expect(dropOff.statusCode, dropOff.body).toBe(201);
    expect(json(dropOff)).toMatchObject({ status: 'open', fee: eur('2.95') });

    const again = await found(h, shop.slug, order);
    const pickup = await postReturn(
      h,
      shop.slug,
      again.token,
      returnBody(ids['JN-32'], { method: 'pickup', pickup: { date: tomorrow(h) } }),
    );
    expect(pickup.statusCode, pickup.body).toBe(201);
    expect(json(pickup)).toMatchObject({ status: 'open', fee: eur('0.00') });
  });

  it('shows a zero fee when the portal charges none', async () => {
    const { result } = await ready();
    for (const m of result.options.methods) for (const c of m.carriers) expect(c.fee).toEqual(eur('0.00'));
  });
});

describe('customs border', () => {
  const address = (country: string, postalCode: string, city: string) => ({
    name: 'Sam Shopper',
    street: 'High Street',
    houseNumber: '1',
    postalCode,
    city,
    country,
  });
  const incomplete = (base: ReturnType<typeof orderPayload>) => ({
    ...base,
    items: [
      { ...base.items[0]!, hsCode: undefined },
      base.items[1]!,
      {
        ...base.items[0]!,
        externalId: 'l4',
        sku: 'SOCKS',
        name: 'Socks',
        hsCode: '611595',
        originCountry: undefined,
        weightGrams: undefined,
      },
    ],
  });

  it.each([
    ['GB', address('GB', 'SW1A 1AA', 'London')],
    ['CH', address('CH', '8001', 'Zürich')],
    ['Canary Islands (ES 35001)', address('ES', '35001', 'Las Palmas')],
  ])('a return from %s to NL needs customs data for every returned item', async (_name, shippingAddress) => {
    h.clock.set('2026-06-15T10:00:00.000Z');
    const shop = await setupShop(h);
    const order = incomplete(orderPayload(h, { shippingAddress }));
    await shop.importOrders(order);
    const result = await found(h, shop.slug, order);
    expect(result.crossesCustomsBorder).toBe(true);
    const shirt = item(result, 'TS-M').id;
    const socks = item(result, 'SOCKS').id;
    const jeans = item(result, 'JN-32').id;

    const missingHs = await postReturn(h, shop.slug, result.token, returnBody(shirt));
    const error = expectError(missingHs, 422, 'customs_data_missing');
    expect(error.details?.items).toEqual([{ orderItemId: shirt, name: 'T-shirt', missing: ['hsCode'] }]);

    const both = await postReturn(
      h,
      shop.slug,
      result.token,
      returnBody(jeans, {
        items: [jeans, shirt, socks].map((orderItemId) => ({ orderItemId, quantity: 1, reason: 'too_small' })),
      }),
    );
    expect(
      expectError(both, 422, 'customs_data_missing').details?.items.map((i: { orderItemId: string; missing: string[] }) => [
        i.orderItemId,
        i.missing,
      ]),
    ).toEqual([
      [shirt, ['hsCode']],
      [socks, ['originCountry', 'weight']],
    ]);

    const complete = await postReturn(h, shop.slug, result.token, returnBody(jeans));
    expect(complete.statusCode, complete.body).toBe(201);
    expect(json(complete).status).toBe('open');
  });

  it.each([
    ['mainland Spain (ES 28001)', address('ES', '28001', 'Madrid')],
    ['Germany', address('DE', '10117', 'Berlin')],
  ])('a return from %s to NL stays inside the EU and needs no customs data', async (_name, shippingAddress) => {
    h.clock.set('2026-06-15T10:00:00.000Z');
    const shop = await setupShop(h);
    const order = incomplete(orderPayload(h, { shippingAddress }));
    await shop.importOrders(order);
    const result = await found(h, shop.slug, order);
    expect(result.crossesCustomsBorder).toBe(false);
    const res = await postReturn(h, shop.slug, result.token, returnBody(item(result, 'TS-M').id));
    expect(res.statusCode, res.body).toBe(201);
  });
});
