// Paying a return's up-front fee through Mollie: POST /api/portal/{slug}/returns/{id}/payments makes
// a Mollie payment (checked field by field at the local Mollie server) and answers its checkout;
// Mollie's webhook (id=tr_…, unsigned: the payment is fetched with the merchant's key) opens the
// return and books the label when paid, or moves it to payment_failed; the shopper can retry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { statusToken } from '../src/emails/status-link.ts';
import { expectError, getReturn, importOrder } from './merchant-helpers.ts';
import { createPortalReturn, lookup } from './support/fixtures.ts';
import { awaitingReturn, paidShop, paymentIdOf, putMollieKey, startMollie, TEST_KEY, webhook } from './mollie-helpers.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { type MollieServer, mollieError } from './support/mollie-server.ts';

let h: Harness;
let mollie: MollieServer;
beforeAll(async () => {
  h = await startHarness();
  mollie = await startMollie(h);
});
afterAll(async () => {
  await h.close();
  await mollie.close();
});

const since = (n: number) => mollie.requests.slice(n);

describe('paying the fee', () => {
  it('creates a Mollie payment for the fee and answers its checkout URL', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop, 'nl');
    const before = mollie.requests.length;
    const res = await r.pay();
    expect(res.statusCode, res.body).toBe(201);
    const { checkoutUrl } = json(res);
    expect(checkoutUrl).toMatch(new RegExp(`^${mollie.origin}/checkout/tr_\\w+$`));

    const [create] = since(before);
    expect(since(before)).toHaveLength(1);
    expect(create?.method).toBe('POST');
    expect(create?.path).toBe('/v2/payments');
    expect(create?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(create?.headers['content-type']).toBe('application/json');
    const key = String(create?.headers['idempotency-key']);
    expect(key).toMatch(/^checkout:pay_\w+$/);
    const paymentId = key.slice('checkout:'.length);
    const ret = await getReturn(shop.merchant, r.id);
    const token = statusToken(h.ctx.secret, shop.merchant.id, r.id);
    expect(create?.body).toEqual({
      amount: { currency: 'EUR', value: '2.95' },
      description: `Return ${ret.reference}: return fee`,
      redirectUrl: `http://retour.test/r/${shop.slug}/returns/${r.id}?access=${token}&payment=${paymentId}`,
      webhookUrl: `http://retour.test/api/payments/mollie/${shop.merchant.id}/webhook`,
      metadata: { returnId: r.id, paymentId },
      locale: 'nl_NL',
    });
    const row = await h.ctx.db.selectFrom('payments').selectAll().where('returnId', '=', r.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      id: paymentId,
      merchantId: shop.merchant.id,
      provider: 'mollie',
      providerPaymentId: paymentIdOf(checkoutUrl),
      amount: 295,
      currency: 'EUR',
      status: 'open',
      checkoutUrl,
    });
    expect((await r.view()).status).toBe('awaiting_payment');
  });

  it('a second click while the checkout is open reuses it', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const first = json(await r.pay());
    const before = mollie.requests.length;
    const again = await r.pay();
    expect(again.statusCode).toBe(201);
    expect(json(again).checkoutUrl).toBe(first.checkoutUrl);
    expect(since(before)).toEqual([]);
  });

  it('paid → the return opens and the label is booked, once however often Mollie calls', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const { checkoutUrl } = json(await r.pay());
    const tr = paymentIdOf(checkoutUrl);

    // Mollie calls before the status is final (open): nothing changes.
    const early = await webhook(h, shop.merchant.id, tr);
    expect(early.statusCode, early.body).toBe(200);
    expect((await r.view()).status).toBe('awaiting_payment');

    mollie.setStatus(tr, 'paid');
    const before = mollie.requests.length;
    const res = await webhook(h, shop.merchant.id, tr);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ received: true });
    const [fetched] = since(before);
    expect(fetched).toMatchObject({ method: 'GET', path: `/v2/payments/${tr}` });
    expect(fetched?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);

    const view = await r.view();
    expect(view.status).toBe('open');
    expect(view.label.status).toBe('ready');
    expect(view.label.trackingNumber).toMatch(/^RTR\d+$/);
    const merchantView = await getReturn(shop.merchant, r.id);
    const paid = merchantView.timeline.filter((e: any) => e.type === 'paid');
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ status: 'open', actor: 'mollie', message: `Return fee of 2.95 EUR paid (Mollie ${tr}).` });

    // The same webhook again (Mollie retries, or a replay): nothing more, not even a fetch.
    const afterFirst = mollie.requests.length;
    for (let i = 0; i < 2; i++) expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    expect(mollie.requests.length).toBe(afterFirst);
    await drainJobs(h.ctx);
    const again = await getReturn(shop.merchant, r.id);
    expect(again.timeline.filter((e: any) => e.type === 'paid')).toHaveLength(1);
    expect(again.label.trackingNumber).toBe(view.label.trackingNumber);
    expect(again.status).toBe('open');
  });

  it('failed → payment_failed; "Try again" makes a new payment, which is paid', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const first = paymentIdOf(json(await r.pay()).checkoutUrl);
    mollie.setStatus(first, 'failed');
    expect((await webhook(h, shop.merchant.id, first)).statusCode).toBe(200);
    expect((await r.view()).status).toBe('payment_failed');
    const failed = (await getReturn(shop.merchant, r.id)).timeline.filter((e: any) => e.type === 'payment_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].message).toBe(`Payment failed (Mollie ${first}).`);

    const before = mollie.requests.length;
    const retry = await r.pay();
    expect(retry.statusCode, retry.body).toBe(201);
    const second = paymentIdOf(json(retry).checkoutUrl);
    expect(second).not.toBe(first);
    const [create] = since(before);
    expect(create?.path).toBe('/v2/payments');
    expect(create?.body.amount).toEqual({ currency: 'EUR', value: '2.95' });
    expect((await r.view()).status).toBe('awaiting_payment');

    // The old checkout expiring late changes nothing now.
    mollie.setStatus(first, 'expired');
    expect((await webhook(h, shop.merchant.id, first)).statusCode).toBe(200);
    expect((await r.view()).status).toBe('awaiting_payment');

    mollie.setStatus(second, 'paid');
    expect((await webhook(h, shop.merchant.id, second)).statusCode).toBe(200);
    const view = await r.view();
    expect(view.status).toBe('open');
    expect(view.label.trackingNumber).toMatch(/^RTR\d+$/);
    const timeline = (await getReturn(shop.merchant, r.id)).timeline.map((e: any) => [e.type, e.status ?? null]);
    expect(timeline).toEqual(
      expect.arrayContaining([
        ['payment_failed', 'payment_failed'],
        ['payment_retried', 'awaiting_payment'],
        ['paid', 'open'],
      ]),
    );
  });

  it('refuses the retry when another return took the items meanwhile (payment_failed gave them back)', async () => {
    const shop = await paidShop(h);
    const { payload } = await importOrder(h, shop);
    const found = json(await lookup(h, shop.slug, { orderNumber: payload.orderNumber, postalCode: payload.shippingAddress.postalCode }));
    const all = { items: [{ orderItemId: found.order.items[0].id, quantity: 2, reason: 'too_small' }] };
    const first = json(await createPortalReturn(h, shop.slug, payload, all));
    const pay = (id: string, access: string) =>
      h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/returns/${id}/payments?access=${access}` });
    const tr = paymentIdOf(json(await pay(first.id, first.accessCode)).checkoutUrl);
    mollie.setStatus(tr, 'failed');
    await webhook(h, shop.merchant.id, tr);
    // The failed return no longer holds the items: a second return takes both.
    const second = await createPortalReturn(h, shop.slug, payload, all);
    expect(second.statusCode, second.body).toBe(201);
    const error = expectError(await pay(first.id, first.accessCode), 422, 'quantity_exceeds_returnable');
    expect(error.details).toMatchObject({ returnableQuantity: 0 });
    expect(
      json(await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/returns/${first.id}?access=${first.accessCode}` })).status,
    ).toBe('payment_failed');
  });

  it.each(['canceled', 'expired'])('%s → payment_failed', async (status) => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const tr = paymentIdOf(json(await r.pay()).checkoutUrl);
    mollie.setStatus(tr, status);
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    expect((await r.view()).status).toBe('payment_failed');
  });

  it('an unknown payment id (or another merchant’s) is acknowledged and changes nothing', async () => {
    const shop = await paidShop(h);
    const other = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const tr = paymentIdOf(json(await r.pay()).checkoutUrl);
    mollie.setStatus(tr, 'paid');
    const before = mollie.requests.length;
    for (const [merchantId, id] of [
      [shop.merchant.id, 'tr_unknown123'],
      [other.merchant.id, tr],
      ['mer_nobody', tr],
    ] as const) {
      const res = await webhook(h, merchantId, id);
      expect(res.statusCode, res.body).toBe(200);
      expect(json(res)).toEqual({ received: true });
    }
    expect(since(before)).toEqual([]);
    expect((await r.view()).status).toBe('awaiting_payment');
  });

  it('refuses a body that is not a Mollie payment id with 400', async () => {
    const shop = await paidShop(h);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/payments/mollie/${shop.merchant.id}/webhook`,
      payload: 'id=../../v2/methods',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectError(res, 400, 'validation_error');
    const post = (payload: string, type: string) =>
      h.app.inject({ method: 'POST', url: `/api/payments/mollie/${shop.merchant.id}/webhook`, payload, headers: { 'content-type': type } });
    expectError(await post('', 'application/x-www-form-urlencoded'), 400, 'validation_error');
    expectError(await post('foo=bar', 'application/x-www-form-urlencoded'), 400, 'validation_error');
    expectError(await post('{"id":', 'application/json'), 400, 'validation_error');
    expectError(await post(`id=tr_${'a'.repeat(5000)}`, 'application/x-www-form-urlencoded'), 413, 'payload_too_large');
  });

  it('answers 502 when Mollie cannot be asked (so Mollie calls again), then handles the retry', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const tr = paymentIdOf(json(await r.pay()).checkoutUrl);
    mollie.setStatus(tr, 'paid');
    mollie.script({ status: 500, body: mollieError(500, 'Internal error') });
    expectError(await webhook(h, shop.merchant.id, tr), 502, 'provider_error');
    expect((await r.view()).status).toBe('awaiting_payment');
    mollie.script('hang');
    expectError(await webhook(h, shop.merchant.id, tr), 502, 'provider_error');
    expect((await r.view()).status).toBe('awaiting_payment');
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    expect((await r.view()).status).toBe('open');
  });
});

describe('refusals and provider failures when paying', () => {
  it('uses the same access rules as the other portal return routes', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const wrong = await h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/returns/${r.id}/payments?access=nope` });
    expectError(wrong, 404, 'return_not_found');
    const missing = await h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/returns/${r.id}/payments` });
    expectError(missing, 400, 'validation_error');
    const token = statusToken(h.ctx.secret, shop.merchant.id, r.id);
    const byToken = await h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/returns/${r.id}/payments?access=${token}` });
    expect(byToken.statusCode, byToken.body).toBe(201);
  });

  it('refuses a return that does not wait for a payment (409)', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const tr = paymentIdOf(json(await r.pay()).checkoutUrl);
    mollie.setStatus(tr, 'paid');
    await webhook(h, shop.merchant.id, tr);
    const error = expectError(await r.pay(), 409, 'invalid_transition');
    expect(error.details?.status).toBe('open');
  });

  it('refuses with payments_not_configured once the merchant disconnected Mollie (localised)', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const tr = paymentIdOf(json(await r.pay()).checkoutUrl);
    expect((await shop.merchant.call('DELETE', '/api/v1/payment-accounts/mollie')).statusCode).toBe(200);
    expectError(await r.pay(), 422, 'payments_not_configured');
    const nl = await h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/returns/${r.id}/payments?access=${r.access}&lang=nl` });
    expect(expectError(nl, 422, 'payments_not_configured').message).toMatch(/^Deze winkel kan nog geen online betalingen ontvangen/);
    // Mollie's webhook is not acknowledged (Mollie calls again) until the merchant reconnects.
    mollie.setStatus(tr, 'paid');
    expectError(await webhook(h, shop.merchant.id, tr), 422, 'payments_not_configured');
    expect((await r.view()).status).toBe('awaiting_payment');
    expect((await putMollieKey(h, shop.merchant, TEST_KEY)).statusCode).toBe(200);
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    expect((await r.view()).status).toBe('open');
  });

  it('retries a 429 after Retry-After with the same Idempotency-Key, and creates one payment', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    mollie.script({ status: 429, body: mollieError(429, 'Too many requests'), headers: { 'retry-after': '1' } });
    const before = mollie.requests.length;
    const res = await r.pay();
    expect(res.statusCode, res.body).toBe(201);
    const calls = since(before);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v2/payments', 'POST /v2/payments']);
    expect(calls[1]?.headers['idempotency-key']).toBe(calls[0]?.headers['idempotency-key']);
  });

  it.each([
    ['a 422 from Mollie', { status: 422, body: mollieError(422, 'The amount is lower than the minimum', 'amount') }, 'rejected'],
    ['a 503 from Mollie', { status: 503, body: mollieError(503, 'Maintenance') }, 'unavailable'],
    ['a hanging request', 'hang' as const, 'unavailable'],
  ])('answers 502 provider_error on %s and the shopper can try again', async (_label, scripted, kind) => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    mollie.script(scripted);
    const error = expectError(await r.pay(), 502, 'provider_error');
    expect(error.details).toMatchObject({ provider: 'mollie', kind });
    const rows = await h.ctx.db.selectFrom('payments').selectAll().where('returnId', '=', r.id).execute();
    expect(rows.map((p) => p.status)).toEqual(['error']);
    expect((await r.view()).status).toBe('awaiting_payment');
    expect((await r.pay()).statusCode).toBe(201);
  });
});
