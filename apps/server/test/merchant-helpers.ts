// Helpers shared by the merchant API tests (not a test file itself).
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createPortalReturn, orderPayload, type OrderOverrides, type Shop } from './support/fixtures.ts';
import { type Harness, json, type Merchant } from './support/harness.ts';

export type Issue = { path: (string | number)[]; message: string; in?: string };

/** Asserts the error envelope of api.md ("Conventions") and returns `error`. */
export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as Record<string, any>;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.code).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  if ('details' in body.error) expect(typeof body.error.details).toBe('object');
  return body.error as { code: string; message: string; details?: Record<string, any> };
}

/** A 400 validation_error whose details.issues has a path starting with `prefix`. */
export function expectIssue(res: LightMyRequestResponse, prefix: (string | number)[]) {
  const error = expectError(res, 400, 'validation_error');
  const issues = (error.details?.issues ?? []) as Issue[];
  expect(issues.length, res.body).toBeGreaterThan(0);
  const paths = issues.map((i) => i.path);
  expect(
    paths.some((p) => prefix.every((part, i) => p[i] === part)),
    `expected an issue at ${JSON.stringify(prefix)}; got ${JSON.stringify(paths)}`,
  ).toBe(true);
  return issues;
}

/** Imports one order (orderPayload + overrides) and returns the stored order view. */
export async function importOrder(h: Harness, shop: Shop, overrides: OrderOverrides = {}) {
  const payload = orderPayload(h, overrides);
  const result = await shop.importOrders(payload);
  expect(result.failed, JSON.stringify(result.failed)).toEqual([]);
  const order = await findOrder(shop.merchant, payload.integration, payload.externalId);
  return { payload, order };
}

/** The stored order with this integration and externalId (through the list API). */
export async function findOrder(m: Merchant, integration: string, externalId: string) {
  let cursor: string | null = null;
  do {
    const res = await m.call('GET', `/api/v1/orders?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page: Record<string, any> = json(res);
    const hit = page.data.find((o: any) => o.integration === integration && o.externalId === externalId);
    if (hit) return hit;
    cursor = page.nextCursor;
  } while (cursor);
  throw new Error(`order ${integration}/${externalId} not found`);
}

/** Imports an order and creates a portal return for it; returns both (the return as the merchant sees it). */
export async function portalReturn(
  h: Harness,
  shop: Shop,
  body: Record<string, unknown> = {},
  overrides: OrderOverrides = {},
  slug = shop.slug,
) {
  const { payload, order } = await importOrder(h, shop, overrides);
  const created = await createPortalReturn(h, slug, payload, body);
  expect(created.statusCode, created.body).toBe(201);
  const ret = await getReturn(shop.merchant, json(created).id);
  return { payload, order, ret };
}

export async function getReturn(m: Merchant, id: string) {
  const res = await m.call('GET', `/api/v1/returns/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return json(res);
}

/** Receives every item of the return in full, as new. */
export async function receiveAll(m: Merchant, ret: Record<string, any>) {
  const res = await m.call('POST', `/api/v1/returns/${ret.id}/receive`, {
    items: ret.items.map((i: { orderItemId: string; quantity: number }) => ({
      orderItemId: i.orderItemId,
      quantity: i.quantity,
      condition: 'as_new',
      restocked: true,
    })),
  });
  expect(res.statusCode, res.body).toBe(200);
  return json(res);
}

export const daysAgo = (h: Harness, days: number) => new Date(h.clock.now.getTime() - days * 86_400_000).toISOString();
export const MINUTE = 60_000;
