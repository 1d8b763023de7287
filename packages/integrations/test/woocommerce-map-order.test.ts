// The WooCommerce order → order import item mapping, and the site URL rule (HTTPS only).
import { describe, expect, it } from 'vitest';
import { normaliseSiteUrl } from '../src/shops/woocommerce/client.ts';
import { mapWooOrder, unitPriceMinor } from '../src/shops/woocommerce/map-order.ts';
import type { WooOrder } from '../src/shops/woocommerce/types.ts';

const order = (overrides: Partial<WooOrder> = {}): WooOrder => ({
  id: 7,
  number: '7',
  status: 'processing',
  currency: 'eur',
  date_created_gmt: '2026-05-01T09:30:00',
  billing: {
    first_name: 'Ana',
    last_name: 'Silva',
    email: 'ana@example.com',
    phone: 'call me',
    address_1: 'Rua 1',
    postcode: '1000-001',
    city: 'Lisboa',
    country: 'PT',
  },
  shipping: { first_name: '', last_name: '', address_1: '', postcode: '', city: '', country: '' },
  line_items: [
    { id: 71, name: 'Cap', product_id: 3, quantity: 3, total: '10.00', total_tax: '2.30', sku: null, image: { src: 'not a url' } },
  ],
  ...overrides,
});

describe('mapWooOrder', () => {
  it('maps fields, falls back to billing, leaves out what the import would refuse', () => {
    const mapped = mapWooOrder(order(), 'Woo');
    expect(mapped).toEqual({
      order: {
        integration: 'Woo',
        externalId: '7',
        orderNumber: '7',
        placedAt: '2026-05-01T09:30:00.000Z',
        currency: 'EUR',
        customer: { name: 'Ana Silva', email: 'ana@example.com', phone: null },
        shippingAddress: {
          name: 'Ana Silva',
          company: null,
          street: 'Rua 1',
          addressLine2: null,
          postalCode: '1000-001',
          city: 'Lisboa',
          region: null,
          country: 'PT',
        },
        items: [
          {
            externalId: '71',
            sku: 'product-3',
            name: 'Cap',
            variant: null,
            quantity: 3,
            unitPrice: { value: '4.10', currency: 'EUR' },
            imageUrl: null,
          },
        ],
        shipments: [],
      },
    });
  });

  it.each(['pending', 'failed', 'cancelled', 'trash', 'checkout-draft'])('does not import %s orders', (status) => {
    expect(mapWooOrder(order({ status }), 'Woo')).toEqual({ skip: `status ${status}` });
  });

  it('reads tracking numbers of the Shipment Tracking extension (custom provider first, unix date_shipped)', () => {
    const mapped = mapWooOrder(
      order({
        meta_data: [
          {
            key: '_wc_shipment_tracking_items',
            value: [
              { tracking_provider: '', custom_tracking_provider: 'Bpost', tracking_number: 'CD123', date_shipped: '1777600000' },
              { tracking_provider: 'dhl', tracking_number: '' },
            ],
          },
        ],
      }),
      'Woo',
    );
    expect('order' in mapped && mapped.order.shipments).toEqual([
      { carrier: 'Bpost', trackingNumber: 'CD123', shippedAt: new Date(1777600000 * 1000).toISOString() },
    ]);
  });

  it.each([
    [{ id: 1, name: 'x', quantity: 2, total: '19.90', total_tax: '0.00' }, 'EUR', 995],
    [{ id: 1, name: 'x', quantity: 3, total: '10.00', total_tax: '0.00' }, 'EUR', 333],
    [{ id: 1, name: 'x', quantity: 1, price: 12.5 }, 'EUR', 1250],
    [{ id: 1, name: 'x', quantity: 2, total: '2000', total_tax: '200' }, 'JPY', 1100],
  ])('unit price of %j in %s = %d minor units', (line, currency, expected) => {
    expect(unitPriceMinor(line, currency)).toBe(expected);
  });
});

describe('normaliseSiteUrl', () => {
  it.each([
    ['https://shop.example.com/', false, 'https://shop.example.com'],
    ['https://example.com/shop//', false, 'https://example.com/shop'],
    ['http://127.0.0.1:8080', true, 'http://127.0.0.1:8080'],
  ])('%s (http allowed: %s) → %s', (raw, allow, url) => {
    expect(normaliseSiteUrl(raw, allow)).toEqual({ ok: true, url });
  });

  it.each([
    ['http://shop.example.com', false],
    ['ftp://shop.example.com', true],
    ['https://user:pw@shop.example.com', false],
    ['https://shop.example.com/?x=1', false],
    ['shop.example.com', false],
  ])('refuses %s', (raw, allow) => {
    expect(normaliseSiteUrl(raw, allow).ok).toBe(false);
  });
});
