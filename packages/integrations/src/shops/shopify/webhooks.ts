// Inbound Shopify webhooks: the signature check and the topics we subscribe to.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Topics subscribed with webhookSubscriptionCreate when a shop is connected. */
export const SUBSCRIBED_TOPICS = [
  'ORDERS_CREATE',
  'ORDERS_UPDATED',
  'FULFILLMENTS_CREATE',
  'FULFILLMENTS_UPDATE',
  // The catalogue for exchanges (issue #14).
  'PRODUCTS_CREATE',
  'PRODUCTS_UPDATE',
  'PRODUCTS_DELETE',
  'INVENTORY_LEVELS_UPDATE',
] as const;

/** X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the raw body keyed with the app's client secret. */
export function shopifySignatureMatches(clientSecret: string, raw: Buffer, header: string | string[] | undefined): boolean {
  const expected = createHmac('sha256', clientSecret).update(raw).digest();
  const value = typeof header === 'string' ? header.trim() : '';
  const wellFormed = /^[A-Za-z0-9+/]{43}=$/.test(value);
  // Compared in constant time whatever was sent; a malformed header is compared as zeros.
  const given = wellFormed ? Buffer.from(value, 'base64') : Buffer.alloc(expected.length);
  return timingSafeEqual(given, expected) && wellFormed;
}
