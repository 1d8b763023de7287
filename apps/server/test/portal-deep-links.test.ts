// Signed, expiring deep links (issue #15 item 4): the secret (shown once, sealed, rotatable), a
// link the shop signs itself as the README shows, links and QR codes Retour signs, and the portal
// lookup by link: tampered = the same miss as any other, expired = link_expired, limits hold.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from './portal-helpers.ts';
import { lookup, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

/** How the README tells a shop to sign (written here independently of the server's code). */
function shopSigns(secret: string, params: Record<string, string>): string {
  const enc = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = Object.keys(params)
    .sort()
    .map((k) => `${enc(k)}=${enc(params[k] as string)}`)
    .join('&');
  return `${query}&sig=${createHmac('sha256', secret).update(query).digest('hex')}`;
}

async function shopWithSecret() {
  const shop = await setupShop(h);
  const order = orderPayload(h);
  await shop.importOrders(order);
  const res = await shop.merchant.call('POST', `/api/v1/portals/${shop.portal.id}/link-secret`);
  expect(res.statusCode, res.body).toBe(201);
  const { secret } = json(res);
  const exp = String(Math.floor(h.clock.now.getTime() / 1000) + 7 * 86_400);
  return { shop, order, secret: secret as string, exp };
}

const byLink = (slug: string, query: string, remoteAddress = '127.0.0.1') =>
  h.app.inject({ method: 'POST', url: `/api/portal/${slug}/lookup/link`, payload: { query }, remoteAddress });

describe('the link secret', () => {
  it('is shown once, sealed at rest, and the portal says deep links are on', async () => {
    const { shop, secret } = await shopWithSecret();
    expect(secret).toMatch(/^rls_[0-9A-Za-z]{43}$/);
    const portal = await shop.merchant.call('GET', `/api/v1/portals/${shop.portal.id}`);
    expect(json(portal).deepLinks).toEqual({ enabled: true });
    expect(portal.body).not.toContain(secret);
    const row = await h.ctx.db.selectFrom('portals').select('linkSecret').where('id', '=', shop.portal.id).executeTakeFirstOrThrow();
    expect(row.linkSecret).toMatch(/^v1\./);
    expect(row.linkSecret).not.toContain(secret);
  });

  it('another merchant cannot rotate it', async () => {
    const { shop } = await shopWithSecret();
    const other = await setupShop(h);
    expectError(await other.merchant.call('POST', `/api/v1/portals/${shop.portal.id}/link-secret`), 404, 'portal_not_found');
  });
});

describe('lookup by a link the shop signed', () => {
  it('finds the order, with or without the email in the link', async () => {
    const { shop, order, secret, exp } = await shopWithSecret();
    const withAndWithout: Record<string, string>[] = [
      { order: order.orderNumber, exp },
      { order: order.orderNumber, exp, email: 'sanne@example.com' },
    ];
    for (const params of withAndWithout) {
      const res = await byLink(shop.slug, shopSigns(secret, params));
      expect(res.statusCode, res.body).toBe(200);
      expect(json(res).order.orderNumber).toBe(order.orderNumber);
      expect(json(res).token).toEqual(expect.any(String));
    }
  });

  it('answers a tampered, foreign or unsigned link exactly like a wrong order number', async () => {
    const { shop, order, secret, exp } = await shopWithSecret();
    const good = shopSigns(secret, { order: order.orderNumber, exp });
    const miss = await lookup(h, shop.slug, { orderNumber: '#NOPE', postalCode: '1016 GV' });
    expectError(miss, 404, 'order_not_found');
    const bad = [
      good.replace(encodeURIComponent(order.orderNumber), encodeURIComponent('#1')),
      shopSigns(secret, { order: order.orderNumber, exp: String(Number(exp) + 60) }).replace(/sig=.*/, good.slice(good.indexOf('sig='))),
      shopSigns('rls_someone_else', { order: order.orderNumber, exp }),
      shopSigns(secret, { order: order.orderNumber, exp, email: 'other@example.com' }),
      shopSigns(secret, { order: '#NOPE', exp }),
      `order=${encodeURIComponent(order.orderNumber)}&exp=${exp}`,
      'hello',
    ];
    for (const [i, query] of bad.entries()) {
      const res = await byLink(shop.slug, query, `192.0.2.${i + 1}`);
      expect(res.statusCode, query).toBe(404);
      expect(res.body).toBe(miss.body);
    }
  });

  it('says an expired (but genuine) link has expired', async () => {
    const { shop, order, secret } = await shopWithSecret();
    const exp = String(Math.floor(h.clock.now.getTime() / 1000));
    expectError(await byLink(shop.slug, shopSigns(secret, { order: order.orderNumber, exp })), 410, 'link_expired');
  });

  it('stops working when the secret is rotated or removed', async () => {
    const { shop, order, secret, exp } = await shopWithSecret();
    const link = shopSigns(secret, { order: order.orderNumber, exp });
    await shop.merchant.call('POST', `/api/v1/portals/${shop.portal.id}/link-secret`);
    expectError(await byLink(shop.slug, link, '192.0.2.50'), 404, 'order_not_found');
    const fresh = json(await shop.merchant.call('POST', `/api/v1/portals/${shop.portal.id}/link-secret`)).secret;
    expect((await byLink(shop.slug, shopSigns(fresh, { order: order.orderNumber, exp }), '192.0.2.51')).statusCode).toBe(200);
    expect((await shop.merchant.call('DELETE', `/api/v1/portals/${shop.portal.id}/link-secret`)).statusCode).toBe(204);
    expectError(await byLink(shop.slug, shopSigns(fresh, { order: order.orderNumber, exp }), '192.0.2.52'), 404, 'order_not_found');
  });

  it('counts bad links against the per-client limit', async () => {
    const { shop, order, secret, exp } = await shopWithSecret();
    const ip = '192.0.2.77';
    for (let i = 0; i < 10; i++)
      expectError(await byLink(shop.slug, `order=%23${i}&exp=${exp}&sig=${'0'.repeat(64)}`, ip), 404, 'order_not_found');
    expectError(await byLink(shop.slug, shopSigns(secret, { order: order.orderNumber, exp }), ip), 429, 'too_many_attempts');
  });

  it('a gift link opens a gift return', async () => {
    const { shop, order, secret, exp } = await shopWithSecret();
    await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { giftReturns: true });
    const res = await byLink(shop.slug, shopSigns(secret, { order: order.orderNumber, exp, gift: '1' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).gift).toBe(true);
    expect(json(res).options.resolutions).toEqual(['store_credit', 'exchange']);
  });
});

describe('links Retour signs', () => {
  it('gives a url that opens the order and a QR PNG of it', async () => {
    const { shop, order } = await shopWithSecret();
    const res = await shop.merchant.call('POST', `/api/v1/portals/${shop.portal.id}/deep-links`, {
      orderNumber: order.orderNumber,
      expiresInDays: 14,
    });
    expect(res.statusCode, res.body).toBe(201);
    const link = json(res);
    expect(link.url.startsWith(`${h.ctx.publicUrl}/r/${shop.slug}?`)).toBe(true);
    expect(new Date(link.expiresAt).getTime() - h.clock.now.getTime()).toBe(14 * 86_400_000);
    const png = Buffer.from(link.qrPng.replace('data:image/png;base64,', ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const found = await byLink(shop.slug, new URL(link.url).search);
    expect(found.statusCode, found.body).toBe(200);
    expect(json(found).order.orderNumber).toBe(order.orderNumber);
  });

  it('needs a secret first', async () => {
    const shop = await setupShop(h);
    const res = await shop.merchant.call('POST', `/api/v1/portals/${shop.portal.id}/deep-links`, { orderNumber: '#1' });
    expectError(res, 422, 'deep_links_not_configured');
  });
});
