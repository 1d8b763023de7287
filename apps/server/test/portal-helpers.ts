// Small helpers shared by the portal-*.test.ts files (the fixtures in support/ do the heavy lifting).
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { lookup } from './support/fixtures.ts';
import { type Harness, json } from './support/harness.ts';

export type Found = {
  token: string;
  expiresAt: string;
  returnDeadline: string | null;
  crossesCustomsBorder: boolean;
  order: { orderNumber: string; country: string; items: FoundItem[] };
  options: {
    methods: {
      method: string;
      carriers: { code: string; name: string; fee: { value: string; currency: string }; phoneRequired: boolean }[];
    }[];
    resolutions: string[];
    reasons: { code: string; label: string; commentRequired: boolean }[];
  };
};
export type FoundItem = {
  id: string;
  sku: string;
  quantity: number;
  returnableQuantity: number;
  eligible: boolean;
  ineligibleReason: string | null;
  returnDeadline: string;
};

type OrderLike = { orderNumber: string; shippingAddress: { postalCode: string } };

/** Looks an order up by number and postal code and insists on a 200. */
export async function found(h: Harness, slug: string, order: OrderLike, headers: Record<string, string> = {}): Promise<Found> {
  const res = await lookup(h, slug, { orderNumber: order.orderNumber, postalCode: order.shippingAddress.postalCode }, headers);
  expect(res.statusCode, res.body).toBe(200);
  return json<Found>(res);
}

export function item(result: Found, sku: string): FoundItem {
  const it = result.order.items.find((i) => i.sku === sku);
  if (!it) throw new Error(`no item ${sku} in ${JSON.stringify(result.order.items)}`);
  return it;
}

/** A valid portal return body for one unit of `orderItemId`; `overrides` replace top-level fields. */
export function returnBody(orderItemId: string, overrides: Record<string, unknown> = {}) {
  return {
    items: [{ orderItemId, quantity: 1, reason: 'too_small' }],
    method: 'drop_off',
    carrier: 'sandbox',
    resolution: 'refund',
    contact: { email: 'sanne@example.com' },
    language: 'en',
    ...overrides,
  };
}

export function postReturn(h: Harness, slug: string, token: string | null, body: unknown, headers: Record<string, string> = {}) {
  return h.app.inject({
    method: 'POST',
    url: `/api/portal/${slug}/returns`,
    headers: { ...(token !== null ? { authorization: `Bearer ${token}` } : {}), ...headers },
    payload: body as object,
  });
}

/** Asserts an error response: status, code, and the standard error shape. */
export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = json(res);
  expect(body.error.code, res.body).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error as { code: string; message: string; details?: Record<string, any> };
}

/** Tomorrow's calendar date in the portal time zone (pickups must be at least one day ahead). */
export function tomorrow(h: Harness, timeZone = 'Europe/Amsterdam'): string {
  const d = new Date(h.clock.now.getTime() + 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/**
 * The shopper of a found order asks to exchange one T-shirt M for the L the portal offers (the
 * exchange tests' catalogue: support/exchange-catalogue.ts); answers the 201 creation.
 */
export async function requestSizeExchange(h: Harness, slug: string, f: Found, overrides: Record<string, unknown> = {}) {
  const tee = item(f, 'TS-M').id;
  const opts = await h.app.inject({
    method: 'GET',
    url: `/api/portal/${slug}/exchange-options?item=${tee}`,
    headers: { authorization: `Bearer ${f.token}` },
  });
  expect(opts.statusCode, opts.body).toBe(200);
  const large = json(opts).products[0].variants.find((v: { sku: string }) => v.sku === 'TS-L').id;
  const items = [{ orderItemId: tee, quantity: 1, reason: 'too_small', exchange: { variantId: large } }];
  const created = await postReturn(h, slug, f.token, returnBody(tee, { items, resolution: 'exchange', ...overrides }));
  expect(created.statusCode, created.body).toBe(201);
  return created;
}
