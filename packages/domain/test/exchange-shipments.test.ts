import { describe, expect, it } from 'vitest';
import { exchangeShipmentKey, shipsExchange, trackingLink } from '../src/exchange-shipments.ts';

const shopify = { provider: 'shopify', orderId: 'gid://shopify/Order/7001', lineItemIds: ['gid://shopify/LineItem/9001'] };

describe('shipsExchange', () => {
  it('Shopify: only a fulfillment of the exchange lines on the same order ships the exchange', () => {
    const on = (lineItemIds: string[] | null, orderId = shopify.orderId) =>
      shipsExchange(shopify, { provider: 'shopify', orderId, lineItemIds });
    expect(on(['gid://shopify/LineItem/9001'])).toBe(true);
    expect(on(['gid://shopify/LineItem/70011', 'gid://shopify/LineItem/9001'])).toBe(true);
    // A late fulfillment of the original items, one without line items, or another order's.
    expect(on(['gid://shopify/LineItem/70011'])).toBe(false);
    expect(on(null)).toBe(false);
    expect(on(['gid://shopify/LineItem/9001'], 'gid://shopify/Order/7002')).toBe(false);
    // An exchange recorded without its line items (before they were kept) matches nothing.
    expect(
      shipsExchange({ ...shopify, lineItemIds: undefined }, { provider: 'shopify', orderId: shopify.orderId, lineItemIds: ['x'] }),
    ).toBe(false);
  });

  it('WooCommerce: every shipment of the replacement order ships the exchange, none of another order', () => {
    const ref = { provider: 'woocommerce', orderId: '901' };
    expect(shipsExchange(ref, { provider: 'woocommerce', orderId: '901', lineItemIds: null })).toBe(true);
    expect(shipsExchange(ref, { provider: 'woocommerce', orderId: '900', lineItemIds: null })).toBe(false);
    expect(shipsExchange(ref, { provider: 'shopify', orderId: '901', lineItemIds: null })).toBe(false);
  });
});

describe('exchangeShipmentKey and trackingLink', () => {
  it('keys a tracking number however it is spaced or cased', () => {
    expect(exchangeShipmentKey('3s abcd 123')).toBe(exchangeShipmentKey('3SABCD123'));
    expect(exchangeShipmentKey('3SABCD123')).not.toBe(exchangeShipmentKey('3SABCD124'));
  });

  it('keeps only web links', () => {
    expect(trackingLink(' https://postnl.nl/tracktrace/?B=3S1 ')).toBe('https://postnl.nl/tracktrace/?B=3S1');
    expect(trackingLink('javascript:alert(1)')).toBeNull();
    expect(trackingLink('')).toBeNull();
    expect(trackingLink(42)).toBeNull();
    expect(trackingLink(`https://x.example/${'a'.repeat(2000)}`)).toBeNull();
  });
});
