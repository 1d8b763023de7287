// Sendcloud-compatible order import: POST /api/v3/orders with Sendcloud's v3 Orders API body
// (reference/integrations.md 1.3): mapping, upsert, all-or-nothing, limits, auth, error document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrder } from './merchant-helpers.ts';
import { type Harness, json, type Merchant, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

/** An order as Sendcloud's documentation shows it. */
function scOrder(orderId: string, extra: Record<string, any> = {}) {
  return {
    order_id: orderId,
    order_number: `SC-${orderId}`,
    order_details: {
      integration: { id: 4242 },
      status: { code: 'fulfilled', message: 'Fulfilled' },
      order_created_at: '2026-06-01T12:00:00+02:00',
      order_items: [
        {
          item_id: `${orderId}-1`,
          product_id: 'P-1',
          variant_id: 'V-1',
          name: 'Linen shirt',
          sku: 'LS-M',
          quantity: 2,
          unit_price: { value: 39.95, currency: 'EUR' },
          total_price: { value: 79.9, currency: 'EUR' },
          hs_code: '620520',
          country_of_origin: 'PT',
          image_url: 'https://img.example.com/ls.jpg',
          measurement: { weight: { value: 0.35, unit: 'kg' } },
          properties: { size: 'M' },
        },
        { name: 'Gift card', quantity: 3, total_price: { value: '10.00', currency: 'EUR' } },
      ],
    },
    payment_details: { total_price: { value: '89.90', currency: 'EUR' }, status: { code: 'paid' } },
    shipping_address: {
      name: 'Eva Smit',
      company_name: 'Smit BV',
      address_line_1: 'Stationsplein',
      address_line_2: 'Unit 4',
      house_number: '9a',
      postal_code: '3511 ED',
      city: 'Utrecht',
      country_code: 'nl',
      state_province_code: 'UT',
      email: 'ship@example.com',
      phone_number: '+31 30 123 4567',
    },
    customer_details: { name: 'Eva Smit', email: 'eva@example.com', phone_number: '+31 6 9999 0000' },
    ...extra,
  };
}

const post = (m: Merchant, body: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v3/orders',
    payload: body as object,
    headers: { authorization: `Bearer ${m.apiKey}`, ...headers },
  });

describe('POST /api/v3/orders (Sendcloud v3 compatible)', () => {
  it('maps every field of a Sendcloud order and answers { data: [ { id, order_id, order_number } ] }', async () => {
    const m = await newMerchant(h);
    const res = await post(m, [scOrder('1001')]);
    expect(res.statusCode, res.body).toBe(200);
    const order = await findOrder(m, 'sendcloud-4242', '1001');
    expect(json(res)).toEqual({ data: [{ id: order.id, order_id: '1001', order_number: 'SC-1001' }] });
    expect(order).toMatchObject({
      orderNumber: 'SC-1001',
      placedAt: '2026-06-01T10:00:00.000Z',
      currency: 'EUR',
      customer: { name: 'Eva Smit', email: 'eva@example.com', phone: '+31 6 9999 0000' },
      shippingAddress: {
        name: 'Eva Smit',
        company: 'Smit BV',
        street: 'Stationsplein',
        houseNumber: '9a',
        addressLine2: 'Unit 4',
        postalCode: '3511 ED',
        city: 'Utrecht',
        region: 'UT',
        country: 'NL',
      },
      shipments: [],
    });
    expect(
      order.items.map((i: any) => [
        i.externalId,
        i.sku,
        i.name,
        i.quantity,
        i.unitPrice.value,
        i.hsCode,
        i.originCountry,
        i.weightGrams,
        i.imageUrl,
      ]),
    ).toEqual([
      ['1001-1', 'LS-M', 'Linen shirt', 2, '39.95', '620520', 'PT', 350, 'https://img.example.com/ls.jpg'],
      ['2', 'Gift card', 'Gift card', 3, '3.33', null, null, null, null],
    ]);
    const integration = json(await m.call('GET', '/api/v1/integrations')).data.find((i: any) => i.name === 'sendcloud-4242');
    expect(integration).toMatchObject({ kind: 'sendcloud' });
  });

  it('falls back to the shipping address for the customer', async () => {
    const m = await newMerchant(h);
    const { customer_details: _c, ...withoutCustomer } = scOrder('7');
    expect((await post(m, [withoutCustomer])).statusCode).toBe(200);
    expect((await findOrder(m, 'sendcloud-4242', '7')).customer).toEqual({
      name: 'Eva Smit',
      email: 'ship@example.com',
      phone: '+31 30 123 4567',
    });
  });

  it('upserts on order_id + integration id: the same order updates, another integration id is another order', async () => {
    const m = await newMerchant(h);
    const first = json(await post(m, [scOrder('1'), scOrder('2')])).data;
    const again = await post(m, [
      scOrder('1', { order_number: 'SC-1-B' }),
      { ...scOrder('1'), order_details: { ...scOrder('1').order_details, integration: { id: '77' } } },
    ]);
    expect(again.statusCode, again.body).toBe(200);
    const second = json(again).data;
    expect(second[0]).toEqual({ id: first[0].id, order_id: '1', order_number: 'SC-1-B' });
    expect(second[1].id).not.toBe(first[0].id);
    expect((await findOrder(m, 'sendcloud-77', '1')).id).toBe(second[1].id);
    expect(json(await m.call('GET', '/api/v1/orders')).data).toHaveLength(3);
  });

  it('refuses the whole request when one order is invalid, pointing at each bad field, and stores nothing', async () => {
    const m = await newMerchant(h);
    const bad = scOrder('2');
    bad.order_details.order_items[0] = { ...bad.order_details.order_items[0], name: '' } as never;
    const noEmail = scOrder('3', { customer_details: { name: 'X' } });
    (noEmail.shipping_address as Record<string, unknown>).email = null;
    const otherCurrency = scOrder('4');
    otherCurrency.order_details.order_items[1] = { name: 'Card', quantity: 1, total_price: { value: '5.00', currency: 'USD' } } as never;
    const res = await post(m, [scOrder('1'), bad, noEmail, otherCurrency, { order_id: '5' }]);
    expect(res.statusCode).toBe(400);
    const errors = json(res).errors;
    expect(errors.every((e: any) => e.status === '400' && e.code === 'validation_error' && e.detail)).toBe(true);
    const pointers = errors.map((e: any) => e.source.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/1/order_details/order_items/0/name',
        '/2/customer_details/email',
        '/3/order_details/order_items/1/total_price/currency',
        '/4/order_number',
        '/4/order_details',
        '/4/payment_details',
        '/4/shipping_address',
      ]),
    );
    expect(pointers.some((p: string) => p.startsWith('/0/'))).toBe(false);
    expect(json(await m.call('GET', '/api/v1/orders')).data).toEqual([]);
    expect(json(await m.call('GET', '/api/v1/integrations')).data).toEqual([]);
  });

  it('refuses an order sent twice in one request, more than 100 orders, an empty array and a non-array', async () => {
    const m = await newMerchant(h);
    const twice = await post(m, [scOrder('1'), scOrder('1')]);
    expect(twice.statusCode).toBe(400);
    expect(json(twice).errors[0].source.pointer).toBe('/1/order_id');
    const many = await post(
      m,
      Array.from({ length: 101 }, (_, i) => scOrder(String(i))),
    );
    expect(many.statusCode).toBe(400);
    expect(json(many).errors[0].detail).toMatch(/at most 100 orders/);
    expect((await post(m, [])).statusCode).toBe(400);
    const object = await post(m, scOrder('1'));
    expect(object.statusCode).toBe(400);
    expect(json(object).errors[0]).toMatchObject({ status: '400', code: 'validation_error', detail: 'Send a JSON array of orders.' });
    const broken = await h.app.inject({
      method: 'POST',
      url: '/api/v3/orders',
      payload: '[{',
      headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(json(broken).errors[0].status).toBe('400');
    const hundred = await post(
      m,
      Array.from({ length: 100 }, (_, i) => scOrder(String(i))),
    );
    expect(hundred.statusCode, hundred.body).toBe(200);
    expect(json(hundred).data).toHaveLength(100);
  });

  it('accepts the API key as Bearer or as the HTTP Basic password, and refuses anything else', async () => {
    const m = await newMerchant(h);
    const basic = await post(m, [scOrder('1')], { authorization: `Basic ${Buffer.from(`public-key:${m.apiKey}`).toString('base64')}` });
    expect(basic.statusCode, basic.body).toBe(200);
    for (const authorization of [`Basic ${Buffer.from('public-key:wrong').toString('base64')}`, 'Bearer wrong', '']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v3/orders',
        payload: [scOrder('2')],
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode).toBe(401);
      expect(json(res).errors[0]).toMatchObject({ status: '401', code: 'invalid_api_key' });
    }
    expect(json(await m.call('GET', '/api/v1/orders')).data).toHaveLength(1);
  });
});
