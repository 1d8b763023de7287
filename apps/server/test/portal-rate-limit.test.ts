// Failed lookups are limited per client address (10 / 15 min per portal) and per order number
// (50 / hour), so order numbers and postal codes cannot be guessed (domain.md "Finding an order").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { expectError } from './portal-helpers.ts';
import { orderPayload, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

const MINUTE = 60_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

function attempt(shop: Shop, body: Record<string, unknown>, remoteAddress: string, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/lookup`, payload: body, remoteAddress, headers });
}

async function shopWithOrder() {
  h.clock.set('2026-06-15T10:00:00.000Z');
  const shop = await setupShop(h);
  const order = orderPayload(h);
  await shop.importOrders(order);
  const right = { orderNumber: order.orderNumber, postalCode: '1016 GV' };
  const wrong = { orderNumber: order.orderNumber, postalCode: '9999 ZZ' };
  return { shop, order, right, wrong };
}

describe('per client address', () => {
  it('refuses the 11th lookup after 10 failures in 15 minutes, with Retry-After, until the window passes', async () => {
    const { shop, right, wrong } = await shopWithOrder();
    const ip = '203.0.113.7';
    const start = h.clock.now.getTime();
    for (let i = 0; i < 10; i++) {
      // one failure a minute: 10:00 … 10:09
      h.clock.set(new Date(start + i * MINUTE).toISOString());
      const body = i % 2 === 0 ? wrong : { orderNumber: `#NOPE-${i}`, postalCode: '1016 GV' };
      expectError(await attempt(shop, body, ip), 404, 'order_not_found');
    }

    const blocked = await attempt(shop, right, ip); // correct details, still refused
    const error = expectError(blocked, 429, 'too_many_attempts');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    // the oldest failure (10:00) leaves the 15-minute window at 10:15; it is now 10:09
    expect(retryAfter).toBe(6 * 60);
    expect(error.details?.retryAfterSeconds).toBe(retryAfter);

    // wrong details are refused the same way (and do not extend the block)
    expectError(await attempt(shop, wrong, ip), 429, 'too_many_attempts');

    // another client address is not affected
    const other = await attempt(shop, right, '198.51.100.23');
    expect(other.statusCode, other.body).toBe(200);

    // still blocked one second before Retry-After runs out
    h.clock.advance(retryAfter * 1000 - 1000);
    const almost = await attempt(shop, right, ip);
    expectError(almost, 429, 'too_many_attempts');
    expect(Number(almost.headers['retry-after'])).toBe(1);

    // waiting as long as Retry-After said is enough
    h.clock.advance(1000);
    const again = await attempt(shop, right, ip);
    expect(again.statusCode, again.body).toBe(200);
    expect(json(again).order.orderNumber).toBe(right.orderNumber);
  });

  it('gives a Retry-After of at most the window when all failures are at once, and lets the client in after it', async () => {
    const { shop, right, wrong } = await shopWithOrder();
    const ip = '203.0.113.8';
    for (let i = 0; i < 10; i++) expectError(await attempt(shop, wrong, ip), 404, 'order_not_found');
    const blocked = await attempt(shop, right, ip);
    expectError(blocked, 429, 'too_many_attempts');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    h.clock.advance(15 * MINUTE + 1000);
    expect((await attempt(shop, right, ip)).statusCode).toBe(200);
    // the window slid past all ten failures: a full new allowance
    for (let i = 0; i < 9; i++) expectError(await attempt(shop, wrong, ip), 404, 'order_not_found');
    expect((await attempt(shop, right, ip)).statusCode).toBe(200);
  });

  it('does not count successful lookups', async () => {
    const { shop, right, wrong } = await shopWithOrder();
    const ip = '203.0.113.9';
    for (let i = 0; i < 30; i++) expect((await attempt(shop, right, ip)).statusCode).toBe(200);
    for (let i = 0; i < 9; i++) {
      expectError(await attempt(shop, wrong, ip), 404, 'order_not_found');
      expect((await attempt(shop, right, ip)).statusCode).toBe(200);
    }
    // the 10th failure is still answered normally …
    expectError(await attempt(shop, wrong, ip), 404, 'order_not_found');
    // … and only then the address is blocked
    expectError(await attempt(shop, right, ip), 429, 'too_many_attempts');
  });

  it('does not count lookups that found the order but cannot return anything', async () => {
    h.clock.set('2026-06-15T10:00:00.000Z');
    const shop = await setupShop(h);
    const old = orderPayload(h, {
      placedAt: '2026-01-01T10:00:00Z',
      shipments: [{ carrier: 'sandbox', trackingNumber: 'OLD-1', deliveredAt: '2026-01-03T10:00:00Z' }],
    });
    await shop.importOrders(old);
    const ip = '203.0.113.10';
    for (let i = 0; i < 12; i++) {
      expectError(await attempt(shop, { orderNumber: old.orderNumber, postalCode: '1016 GV' }, ip), 422, 'return_window_expired');
    }
  });

  it('uses the socket address, not X-Forwarded-For, when no proxy is trusted', async () => {
    const { shop, right, wrong } = await shopWithOrder();
    for (let i = 0; i < 10; i++) {
      expectError(await attempt(shop, wrong, '203.0.113.11', { 'x-forwarded-for': `192.0.2.${i + 1}` }), 404, 'order_not_found');
    }
    expectError(await attempt(shop, right, '203.0.113.11', { 'x-forwarded-for': '192.0.2.200' }), 429, 'too_many_attempts');
  });

  it('believes X-Forwarded-For only from a configured trusted proxy', async () => {
    const { shop, right, wrong } = await shopWithOrder();
    const proxied = await buildApp(h.ctx, { validateResponses: true, trustProxy: ['10.8.0.1'] });
    try {
      const via = (body: Record<string, unknown>, remoteAddress: string, client: string) =>
        proxied.inject({
          method: 'POST',
          url: `/api/portal/${shop.slug}/lookup`,
          payload: body,
          remoteAddress,
          headers: { 'x-forwarded-for': client },
        });
      // behind the trusted proxy, each shopper has their own allowance …
      for (let i = 0; i < 10; i++) expectError(await via(wrong, '10.8.0.1', '192.0.2.50'), 404, 'order_not_found');
      expectError(await via(right, '10.8.0.1', '192.0.2.50'), 429, 'too_many_attempts');
      expect((await via(right, '10.8.0.1', '192.0.2.51')).statusCode).toBe(200);
      // … while an untrusted sender cannot pick its address by header
      for (let i = 0; i < 10; i++) expectError(await via(wrong, '10.9.9.9', `192.0.2.${100 + i}`), 404, 'order_not_found');
      expectError(await via(right, '10.9.9.9', '192.0.2.200'), 429, 'too_many_attempts');
    } finally {
      await proxied.close();
    }
  });

  it('counts per portal: failures on one portal do not block the address on another', async () => {
    const { shop, wrong } = await shopWithOrder();
    const other = await setupShop(h);
    const order = orderPayload(h);
    await other.importOrders(order);
    const ip = '203.0.113.12';
    for (let i = 0; i < 10; i++) expectError(await attempt(shop, wrong, ip), 404, 'order_not_found');
    expectError(await attempt(shop, wrong, ip), 429, 'too_many_attempts');
    const res = await attempt(other, { orderNumber: order.orderNumber, postalCode: '1016 GV' }, ip);
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('per order number', () => {
  it('stops distributed guessing: 50 failures in an hour for one order number from many addresses', async () => {
    const { shop, order, right } = await shopWithOrder();
    const spellings = [order.orderNumber, order.orderNumber.slice(1), ` ${order.orderNumber.toLowerCase()} `];
    for (let i = 0; i < 50; i++) {
      const ip = `10.1.${Math.floor(i / 5)}.${(i % 5) + 1}`; // five failures per address: never the per-address limit
      const res = await attempt(shop, { orderNumber: spellings[i % 3], postalCode: `${1000 + i} AA` }, ip);
      expectError(res, 404, 'order_not_found');
      h.clock.advance(MINUTE);
    }
    // now 10:50; the first failure was at 10:00

    const blocked = await attempt(shop, right, '10.2.0.1'); // a fresh address, correct details
    const error = expectError(blocked, 429, 'too_many_attempts');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBe(10 * 60);
    expect(error.details?.retryAfterSeconds).toBe(retryAfter);

    // other order numbers on the same portal are not affected
    const second = orderPayload(h);
    await shop.importOrders(second);
    const res = await attempt(shop, { orderNumber: second.orderNumber, postalCode: '1016 GV' }, '10.2.0.1');
    expect(res.statusCode, res.body).toBe(200);

    // the tracking number of the same order is another identifier
    const byTracking = await attempt(shop, { trackingNumber: order.shipments[0]!.trackingNumber, postalCode: '1016 GV' }, '10.2.0.2');
    expect(byTracking.statusCode, byTracking.body).toBe(200);

    h.clock.advance(retryAfter * 1000);
    const later = await attempt(shop, right, '10.2.0.3');
    expect(later.statusCode, later.body).toBe(200);
  });
});
