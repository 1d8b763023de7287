// The pure CSV row → order mapping (use-cases/orders/csv-order-rows.ts), table-driven.
import { describe, expect, it } from 'vitest';
import { checkHeader, CsvOrderCollector, type CsvRecord, detectDelimiter } from '../src/use-cases/orders/csv-order-rows.ts';
import { row } from './csv-import-support.ts';

function collect(rows: CsvRecord[], firstLine = 2) {
  const c = new CsvOrderCollector('csv');
  for (const [i, r] of rows.entries()) c.add(r, firstLine + i);
  return c.finish();
}

describe('checkHeader', () => {
  it.each([
    [['order_id', 'nope', 'sku'], /unknown column "nope"/],
    [['order_id', 'order_id'], /"order_id" appears twice/],
    [['order_id', 'sku'], /add the columns order_number, placed_at/],
  ])('refuses %j', (header, message) => {
    const result = checkHeader(header);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('accepts the columns in any order and case', () => {
    const columns = Object.keys(row('1', 'a'))
      .reverse()
      .map((c) => c.toUpperCase());
    expect(checkHeader(columns)).toEqual({ ok: true, columns: Object.keys(row('1', 'a')).reverse() });
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['order_id,sku,tags', ','],
    ['order_id;sku;tags', ';'],
    ['order_id', ','],
  ])('%s → %s', (line, delimiter) => expect(detectDelimiter(line)).toBe(delimiter));
});

describe('CsvOrderCollector', () => {
  it('maps every column of a row to the order import item', () => {
    const { orders, problems } = collect([
      row('1001', 'a', {
        customer_phone: '+31 6 1234 5678',
        ship_company: 'ACME',
        ship_address_line2: 'Back door',
        ship_region: 'NH',
        variant: 'M / blue',
        quantity: '2',
        unit_price: '19,95',
        hs_code: '610910',
        origin_country: 'pt',
        weight_grams: '250',
        image_url: 'https://img.example.com/a.jpg',
        returnable: 'no',
        tags: 'sale; summer',
        carrier: 'postnl',
        tracking_number: '3SABC123',
        shipped_at: '2026-06-02',
        delivered_at: '2026-06-03T09:00:00+02:00',
        integration: 'Webshop',
      }),
    ]);
    expect(problems).toEqual([]);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.order).toEqual({
      integration: 'Webshop',
      externalId: '1001',
      orderNumber: '#1001',
      placedAt: '2026-06-01T10:00:00Z',
      currency: 'EUR',
      customer: { name: 'Anna de Vries', email: 'anna@example.com', phone: '+31 6 1234 5678' },
      shippingAddress: {
        name: 'Anna de Vries',
        company: 'ACME',
        street: 'Keizersgracht',
        houseNumber: '12',
        addressLine2: 'Back door',
        postalCode: '1015 CJ',
        city: 'Amsterdam',
        region: 'NH',
        country: 'NL',
      },
      items: [
        {
          externalId: 'a',
          sku: 'SKU-a',
          name: 'Shirt a',
          variant: 'M / blue',
          quantity: 2,
          unitPrice: { value: '19.95', currency: 'EUR' },
          hsCode: '610910',
          originCountry: 'pt',
          weightGrams: 250,
          imageUrl: 'https://img.example.com/a.jpg',
          returnable: false,
          tags: ['sale', 'summer'],
        },
      ],
      shipments: [
        {
          carrier: 'postnl',
          trackingNumber: '3SABC123',
          shippedAt: '2026-06-02T00:00:00Z',
          deliveredAt: '2026-06-03T09:00:00+02:00',
          items: [{ externalId: 'a', quantity: 2 }],
        },
      ],
    });
  });

  it('groups non-adjacent rows of one order, keyed by integration and order_id', () => {
    const { orders, problems } = collect([row('1', 'a'), row('2', 'a'), row('1', 'b'), row('1', 'a', { integration: 'POS' })]);
    expect(problems).toEqual([]);
    expect(orders.map((o) => [o.order.integration, o.order.externalId, o.lines])).toEqual([
      ['csv', '1', [2, 4]],
      ['csv', '2', [3]],
      ['POS', '1', [5]],
    ]);
  });

  it.each([
    ['quantity', { quantity: 'two' }, 'quantity', /whole number/],
    ['empty quantity', { quantity: '' }, 'quantity', /Give the quantity/],
    ['price', { unit_price: '12.5.0' }, 'unit_price', /decimal string/],
    ['email', { customer_email: 'nope' }, 'customer_email', /email/i],
    ['country', { ship_country: 'Netherlands' }, 'ship_country', /two-letter/],
    ['currency', { currency: 'EURO', unit_price: '1.00' }, 'currency', /three-letter/],
    ['placed_at', { placed_at: 'yesterday' }, 'placed_at', /./],
    ['returnable', { returnable: 'maybe' }, 'returnable', /"true" or "false"/],
    ['weight', { weight_grams: '1.5' }, 'weight_grams', /whole number/],
    ['image', { image_url: 'ftp://x' }, 'image_url', /./],
    ['carrier without tracking', { carrier: 'postnl' }, 'tracking_number', /tracking number/],
    ['tracking without carrier', { tracking_number: 'T1' }, 'carrier', /./],
  ])('refuses a bad %s with its line and column', (_name, extra, field, message) => {
    const { orders, problems } = collect([row('9', 'a'), row('1', 'a', extra)]);
    expect(orders.map((o) => o.order.externalId)).toEqual(['9']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, code: 'validation_error', field });
    expect(problems[0]?.message).toMatch(message);
  });

  it('refuses a whole order when one of its rows is bad, reporting every row', () => {
    const { orders, problems } = collect([row('1', 'a'), row('2', 'a'), row('1', 'b', { quantity: '0' }), row('1', 'c')]);
    expect(orders.map((o) => o.order.externalId)).toEqual(['2']);
    expect(problems.map((p) => [p.line, p.code, p.field])).toEqual([
      [2, 'order_refused', undefined],
      [4, 'validation_error', 'quantity'],
      [5, 'order_refused', undefined],
    ]);
    expect(problems[0]?.message).toMatch(/line 4/);
  });

  it('reports order-level values that differ between rows of one order', () => {
    const { orders, problems } = collect([row('1', 'a'), row('1', 'b', { ship_postal_code: '9999 ZZ', customer_name: 'Bob' })]);
    expect(orders).toEqual([]);
    expect(problems[1]).toMatchObject({ line: 3, field: 'customer_name, ship_postal_code' });
    expect(problems[1]?.message).toMatch(/differs from line 2/);
  });

  it('reports an item id used twice in one order on the second row', () => {
    const { problems } = collect([row('1', 'a'), row('1', 'a')]);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, undefined],
      [3, 'item_id'],
    ]);
  });

  it('reports rows without order_id and rows with the wrong number of fields on their own', () => {
    const c = new CsvOrderCollector('csv');
    c.add(row('', 'a'), 2);
    c.add(row('1', 'a'), 3, 'This row has 3 fields but the header has 17.');
    c.add(row('2', 'a'), 4);
    const { orders, problems } = c.finish();
    expect(orders).toHaveLength(1);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'order_id'],
      [3, undefined],
    ]);
  });
});
