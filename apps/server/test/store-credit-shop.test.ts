// Store credit as real money in the shop (issue #14 item 5): for an order from a connected Shopify
// shop a gift card (giftCardCreate) and from WooCommerce a coupon (POST /coupons) bound to the
// shopper's email, with the amount and expiry; made exactly once even when the shop's answer is
// lost and the job retried; the code on the shopper's status page and in the email; a shop that
// refuses leaves a note for staff; without a shop the recorded code remains.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pendingJobs } from '@retour/db/repos/outbox';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { FakeShopifyGiftCards } from '../../../packages/integrations/test/support/fake-shopify-gift-cards.ts';
import { FakeShopifyReturns } from '../../../packages/integrations/test/support/fake-shopify-returns.ts';
import { composeEmail } from '../src/emails/compose.ts';
import { statusToken } from '../src/emails/status-link.ts';
import { getReturn, receiveAll } from './merchant-helpers.ts';
import type { FakeShopify } from './shopify-helpers.ts';
import { mirrorSteps, RETURNABLE, startMirrorShop } from './shopify-mirror-support.ts';
import { createPortalReturn, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json } from './support/harness.ts';
import { startWooServer, type WooServer, wooOrder } from './support/woocommerce-server.ts';

let h: Harness;
let fake: FakeShopify;
let cards: FakeShopifyGiftCards;
beforeAll(async () => {
  ({ h, fake } = await startMirrorShop());
});
afterAll(async () => {
  await fake.stop();
  await h.close();
});
beforeEach(() => {
  fake.received.length = 0;
  fake.dropAnswer.clear();
  new FakeShopifyReturns(fake, RETURNABLE).install();
  cards = new FakeShopifyGiftCards(fake).install();
  cards.today = '2026-06-15';
});
const { settle, shopifyReturn } = mirrorSteps(() => ({ h, fake }));

/** A received return of a Shopify order, its jobs run. */
async function receivedShopifyReturn() {
  const made = await shopifyReturn('automatic');
  await settle();
  await receiveAll(made.m, await getReturn(made.m, made.id));
  await settle();
  fake.received.length = 0;
  return made;
}

const giftCardCalls = () => fake.received.filter((r) => r.field === 'giftCardCreate' || r.field === 'giftCards').map((r) => r.field);

async function shopperViewOf(slug: string, merchantId: string, returnId: string) {
  const access = statusToken(h.ctx.secret, merchantId, returnId);
  const res = await h.app.inject({ method: 'GET', url: `/api/portal/${slug}/returns/${returnId}?access=${access}` });
  expect(res.statusCode, res.body).toBe(200);
  return json(res);
}

async function emailJobOf(merchantId: string, returnId: string) {
  const jobs = (await pendingJobs(h.ctx.db, merchantId, 'email.store_credit_issued')).filter((j) => j.payload.returnId === returnId);
  return jobs;
}

describe('Shopify gift card', () => {
  it('creates the gift card with our code, amount, expiry and marker, notes it, and emails the shopper the code', async () => {
    const { shop, m, id } = await receivedShopifyReturn();
    const res = await m.call('POST', `/api/v1/returns/${id}/store-credits`, {
      amount: { value: '25.00', currency: 'EUR' },
      expiresOn: '2027-06-30',
    });
    expect(res.statusCode, res.body).toBe(201);
    await settle();

    expect(giftCardCalls()).toEqual(['giftCards', 'giftCardCreate']);
    const ret = await getReturn(m, id);
    const [credit] = ret.storeCredits;
    expect(credit.code).toMatch(/^RTR[0-9A-Z]{13}$/);
    const create = fake.graphqlCalls('giftCardCreate')[0];
    expect(create?.variables).toEqual({
      input: {
        code: credit.code,
        initialValue: '25.00',
        expiresOn: '2027-06-30',
        note: `Store credit for return ${ret.reference} [Retour ${ret.reference} credit ${credit.code}]`,
      },
    });
    expect(fake.graphqlCalls('giftCards')[0]?.variables).toEqual({ query: credit.code });
    expect(cards.cards).toHaveLength(1);
    expect(cards.cards[0]).toMatchObject({ code: credit.code.toLowerCase(), amount: '25.00', expiresOn: '2027-06-30' });
    expect(credit).toMatchObject({
      amount: { value: '25.00', currency: 'EUR' },
      expiresOn: '2027-06-30',
      shop: 'shopify',
      state: 'issued',
      shopId: cards.cards[0]?.id,
      adminUrl: expect.stringMatching(/^https:\/\/shop-[a-z0-9]+\.myshopify\.com\/admin\/gift_cards\/1$/),
      problem: null,
    });

    // The shopper's status page shows the code and where to spend it.
    const shopperView = await shopperViewOf(shop.slug, m.id, id);
    expect(shopperView.storeCredits).toEqual([
      {
        amount: { value: '25.00', currency: 'EUR' },
        code: credit.code,
        expiresOn: '2027-06-30',
        shop: 'shopify',
        state: 'issued',
        shopUrl: credit.shopUrl,
      },
    ]);
    expect(credit.shopUrl).toMatch(/^https:\/\/shop-[a-z0-9]+\.myshopify\.com$/);

    const [job] = await emailJobOf(m.id, id);
    expect(job?.payload).toMatchObject({ code: credit.code, amount: 2500, expiresOn: '2027-06-30' });
    const mail = await composeEmail(h.ctx, job as never);
    expect(mail?.message.subject).toBe(`Your store credit of 25.00 EUR for return ${ret.reference}`);
    expect(mail?.message.text).toContain(`Your code: ${credit.code}`);
    expect(mail?.message.text).toContain(credit.shopUrl);

    // Running the job again changes nothing.
    fake.received.length = 0;
    await settle();
    expect(giftCardCalls()).toEqual([]);
  });

  it('makes one gift card when Shopify made it but the answer was lost, on the retry', async () => {
    const { shop, m, id } = await receivedShopifyReturn();
    fake.dropAnswer.add('giftCardCreate');
    const res = await m.call('POST', `/api/v1/returns/${id}/store-credits`, { amount: { value: '10.00', currency: 'EUR' } });
    expect(res.statusCode, res.body).toBe(201);
    await settle();
    expect(cards.cards).toHaveLength(1);
    let ret = await getReturn(m, id);
    expect(ret.storeCredits[0].state).toBe('pending');
    // Not usable yet: the shopper does not see the code.
    expect((await shopperViewOf(shop.slug, m.id, id)).storeCredits[0]).toMatchObject({ state: 'pending', code: null });
    const [job] = await pendingJobs(h.ctx.db, m.id, 'shop.store_credit');
    expect(job?.attempts).toBe(1);

    h.clock.advance(60_000);
    fake.received.length = 0;
    await settle();
    expect(giftCardCalls()).toEqual(['giftCards']);
    expect(cards.cards).toHaveLength(1);
    ret = await getReturn(m, id);
    expect(ret.storeCredits[0]).toMatchObject({ state: 'issued', shopId: cards.cards[0]?.id, expiresOn: null });
    expect(await emailJobOf(m.id, id)).toHaveLength(1);
  });

  it('notes a refusal for staff (code taken in the shop), does not retry and does not email the code', async () => {
    const { m, id } = await receivedShopifyReturn();
    cards.cards.push({
      id: 'gid://shopify/GiftCard/999',
      code: 'summer2026abc',
      note: null,
      expiresOn: null,
      customerId: null,
      amount: '5.00',
      currencyCode: 'EUR',
    });
    const res = await m.call('POST', `/api/v1/returns/${id}/store-credits`, {
      amount: { value: '10.00', currency: 'EUR' },
      code: 'summer2026abc',
    });
    expect(res.statusCode, res.body).toBe(201);
    await settle();
    expect(giftCardCalls()).toEqual(['giftCards', 'giftCardCreate']);
    const ret = await getReturn(m, id);
    expect(ret.storeCredits[0]).toMatchObject({
      code: 'SUMMER2026ABC',
      state: 'failed',
      problem: expect.stringContaining('Code has already been taken'),
    });
    expect(await pendingJobs(h.ctx.db, m.id, 'shop.store_credit')).toEqual([]);
    expect(await emailJobOf(m.id, id)).toEqual([]);
  });

  it('refuses a code the shop cannot take and an expiry in the past, with the field', async () => {
    const { m, id } = await receivedShopifyReturn();
    const badCode = await m.call('POST', `/api/v1/returns/${id}/store-credits`, {
      amount: { value: '1.00', currency: 'EUR' },
      code: 'CREDIT-123',
    });
    expect(badCode.statusCode).toBe(400);
    expect(json(badCode).error).toMatchObject({ code: 'validation_error', details: { issues: [{ path: ['code'] }] } });
    const past = await m.call('POST', `/api/v1/returns/${id}/store-credits`, {
      amount: { value: '1.00', currency: 'EUR' },
      expiresOn: '2026-06-15',
    });
    expect(past.statusCode).toBe(400);
    expect(json(past).error).toMatchObject({ code: 'validation_error', details: { issues: [{ path: ['expiresOn'] }] } });
    expect((await getReturn(m, id)).storeCredits).toEqual([]);
  });
});

describe('WooCommerce coupon', () => {
  const keys = {
    consumerKey: 'ck_cccccccccccccccccccccccccccccccccccccccc',
    consumerSecret: 'cs_dddddddddddddddddddddddddddddddddddddddd',
  };
  let woo: WooServer;
  beforeAll(async () => {
    woo = await startWooServer(keys);
    h.ctx.providers = { ...providerEndpoints(), shopifyOrigin: h.ctx.providers.shopifyOrigin, allowInsecureHttp: true, timeoutMs: 2000 };
  });
  afterAll(async () => {
    await woo.close();
  });

  async function receivedWooReturn(orderId: number, portal: Record<string, unknown> = {}, body: Record<string, unknown> = {}) {
    const shop = await setupShop(h, portal);
    const conn = await shop.merchant.call('POST', '/api/v1/integrations/woocommerce', { name: 'Woo', siteUrl: woo.siteUrl, ...keys });
    expect(conn.statusCode, conn.body).toBe(201);
    const order = wooOrder(orderId);
    woo.state.orders.push(order);
    const raw = Buffer.from(JSON.stringify(order));
    const hook = await h.app.inject({
      method: 'POST',
      url: new URL(json(conn).webhookUrl).pathname,
      payload: raw,
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-topic': 'order.created',
        'x-wc-webhook-delivery-id': `d-${orderId}`,
        'x-wc-webhook-signature': createHmac('sha256', woo.state.webhooks.at(-1).secret).update(raw).digest('base64'),
      },
    });
    expect(json(hook)).toEqual({ outcome: 'stored' });
    const created = await createPortalReturn(
      h,
      shop.slug,
      { orderNumber: String(orderId), shippingAddress: { postalCode: '1015 CV' } },
      body,
    );
    expect(created.statusCode, created.body).toBe(201);
    const ret = await getReturn(shop.merchant, json(created).id);
    await receiveAll(shop.merchant, ret);
    await settle();
    woo.requests.length = 0;
    return { m: shop.merchant, ret };
  }

  it('creates a fixed_cart coupon bound to the shopper, once, even when the answer is lost', async () => {
    const { m, ret } = await receivedWooReturn(301);
    woo.state.loseNextCouponResponse = true;
    const res = await m.call('POST', `/api/v1/returns/${ret.id}/store-credits`, {
      amount: { value: '12.50', currency: 'EUR' },
      expiresOn: '2026-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    await settle();
    expect(woo.state.coupons).toHaveLength(1);
    expect((await getReturn(m, ret.id)).storeCredits[0].state).toBe('pending');

    h.clock.advance(60_000);
    await settle();
    const view = await getReturn(m, ret.id);
    const [credit] = view.storeCredits;
    expect(woo.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /wp-json/wc/v3/coupons',
      'POST /wp-json/wc/v3/coupons',
      'GET /wp-json/wc/v3/coupons',
    ]);
    expect(woo.requests[0]?.query).toMatchObject({ code: credit.code });
    expect(woo.requests[1]?.body).toEqual({
      code: credit.code,
      amount: '12.50',
      discount_type: 'fixed_cart',
      description: `Store credit for return ${view.reference} [Retour ${view.reference} credit ${credit.code}]`,
      email_restrictions: [view.contact.email],
      usage_limit: 1,
      date_expires: '2026-12-31T23:59:59',
      meta_data: [{ key: 'retour_store_credit', value: `${view.id}:${credit.code}` }],
    });
    expect(woo.state.coupons).toHaveLength(1);
    expect(credit).toMatchObject({
      shop: 'woocommerce',
      state: 'issued',
      shopId: String(woo.state.coupons[0].id),
      shopUrl: woo.siteUrl,
      adminUrl: `${woo.siteUrl}/wp-admin/post.php?post=${woo.state.coupons[0].id}&action=edit`,
    });
    expect(await emailJobOf(m.id, ret.id)).toHaveLength(1);
  });

  it('store credit chosen for a bonus: the coupon holds the refund value plus the bonus (issue #14)', async () => {
    const exchanges = {
      offered: true,
      reasons: [],
      priceBand: { lowerPercent: 100, upperPercent: 100 },
      otherProducts: false,
      bonusCredit: { kind: 'fixed', amount: { value: '5.00', currency: 'EUR' } },
    };
    const { m, ret } = await receivedWooReturn(302, { exchanges }, { resolution: 'store_credit' });
    expect(ret.bonusCredit).toEqual({ value: '5.00', currency: 'EUR' });
    const received = await getReturn(m, ret.id);
    const item = received.items[0];
    const refundValue = Math.round(Number(item.unitPrice.value) * 100) * item.receivedQuantity;
    const expected = ((refundValue + 500) / 100).toFixed(2);
    expect(received.proposedCredit).toEqual({ value: expected, currency: 'EUR' });
    const res = await m.call('POST', `/api/v1/returns/${ret.id}/store-credits`, {});
    expect(res.statusCode, res.body).toBe(201);
    await settle();
    const posted = woo.requests.filter((r) => r.method === 'POST' && r.path === '/wp-json/wc/v3/coupons');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toMatchObject({ amount: expected, discount_type: 'fixed_cart', email_restrictions: [received.contact.email] });
    const view = await getReturn(m, ret.id);
    const inShop = woo.state.coupons.filter((c: any) => c.code === view.storeCredits[0].code.toLowerCase());
    expect(inShop).toMatchObject([{ amount: expected }]);
    expect(view.storeCredits).toMatchObject([{ amount: { value: expected, currency: 'EUR' }, state: 'issued', shop: 'woocommerce' }]);
    expect(view.proposedCredit).toEqual(view.proposedRefund);
  });

  it('does not adopt a coupon with the same code that Retour did not make', async () => {
    const { m, ret } = await receivedWooReturn(302);
    woo.state.coupons.push({ id: 1, code: 'welcome2026x', amount: '5.00', meta_data: [] });
    await m.call('POST', `/api/v1/returns/${ret.id}/store-credits`, { amount: { value: '3.00', currency: 'EUR' }, code: 'WELCOME2026X' });
    await settle();
    expect(woo.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect((await getReturn(m, ret.id)).storeCredits[0]).toMatchObject({
      state: 'failed',
      problem: expect.stringContaining('did not make'),
    });
  });
});

describe('no shop connected', () => {
  it('keeps the recorded code and emails it at once', async () => {
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const created = await createPortalReturn(h, shop.slug, order);
    expect(created.statusCode, created.body).toBe(201);
    const m = shop.merchant;
    const id = json(created).id as string;
    await receiveAll(m, await getReturn(m, id));
    const res = await m.call('POST', `/api/v1/returns/${id}/store-credits`, { amount: { value: '7.00', currency: 'EUR' } });
    expect(res.statusCode, res.body).toBe(201);
    const [credit] = (await getReturn(m, id)).storeCredits;
    expect(credit).toMatchObject({ code: expect.stringMatching(/^CREDIT-/), shop: null, state: 'recorded', shopUrl: null });
    const [job] = await emailJobOf(m.id, id);
    expect(job?.payload).toMatchObject({ code: credit.code, amount: 700, expiresOn: null });
    const mail = await composeEmail(h.ctx, job as never);
    expect(mail?.message.text).toContain('Valid until: no expiry date');
  });
});
