// Instant exchange (issue #14 item 4) over HTTP against the local Mollie (support/mollie-server.ts):
// the shopper authorises the new item's value (manual capture), the return opens with a deadline
// shown on the status page and in an email; the carrier's scan by then releases the hold, no scan
// captures it after the deadline day, a cancellation releases it — each once, however often the
// `payment.settle_hold` job or Mollie's webhook runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEmail } from '../src/emails/compose.ts';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { settleInstantHold } from '../src/use-cases/payments/settle-hold.ts';
import { getReturn, importOrder } from './merchant-helpers.ts';
import { paymentIdOf, putMollieKey, startMollie, TEST_KEY, webhook } from './mollie-helpers.ts';
import { expectError, found, item, postReturn, returnBody } from './portal-helpers.ts';
import { CATALOGUE } from './support/exchange-catalogue.ts';
import { eur, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';
import type { MollieServer } from './support/mollie-server.ts';

let h: Harness;
let mollie: MollieServer;
beforeAll(async () => {
  h = await startHarness('2026-06-15T10:00:00.000Z');
  mollie = await startMollie(h);
});
afterAll(async () => {
  await mollie.close();
  await h.close();
});

const EXCHANGES = {
  offered: true,
  reasons: [],
  priceBand: { lowerPercent: 100, upperPercent: 100 },
  otherProducts: true,
  bonusCredit: null,
  instant: true,
  instantHoldDays: 14,
};

async function instantShop(): Promise<Shop> {
  const m = await newMerchant(h);
  expect((await putMollieKey(h, m, TEST_KEY)).statusCode).toBe(200);
  const shop = await setupShop(h, { exchanges: EXCHANGES, timezone: 'Europe/Amsterdam' }, m);
  const put = await shop.merchant.call('PUT', '/api/v1/products', CATALOGUE);
  expect(put.statusCode, put.body).toBe(200);
  return shop;
}

/** A T-shirt M exchanged for an L (same price) or another product, authorised through Mollie's checkout. */
async function authorisedReturn(shop: Shop, sku = 'TS-L', hold = '29.95', due = hold) {
  const { payload } = await importOrder(h, shop);
  const f = await found(h, shop.slug, payload);
  const tee = item(f, 'TS-M').id;
  const opts = json(
    await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/exchange-options?item=${tee}${sku.startsWith('HD') ? '&q=hoodie' : ''}`,
      headers: { authorization: `Bearer ${f.token}` },
    }),
  );
  const variant = opts.products.flatMap((p: any) => p.variants).find((v: any) => v.sku === sku).id;
  const items = [{ orderItemId: tee, quantity: 1, reason: 'too_small', exchange: { variantId: variant } }];
  const created = await postReturn(h, shop.slug, f.token, returnBody(tee, { items, resolution: 'exchange' }));
  expect(created.statusCode, created.body).toBe(201);
  const ret = json(created);
  expect(ret).toMatchObject({
    status: 'awaiting_payment',
    amountDue: eur(due),
    instantExchange: { amount: eur(hold), deadline: null, state: 'awaiting_authorisation' },
  });
  const view = async () =>
    json(await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/returns/${ret.id}?access=${ret.accessCode}` }));
  const pay = await h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/returns/${ret.id}/payments?access=${ret.accessCode}` });
  expect(pay.statusCode, pay.body).toBe(201);
  const tr = paymentIdOf(json(pay).checkoutUrl);
  const create = mollie.requests.find((r) => r.method === 'POST' && r.path === '/v2/payments' && r.body?.metadata?.returnId === ret.id);
  expect(create?.body).toMatchObject({ amount: { value: hold, currency: 'EUR' }, captureMode: 'manual' });
  // The shopper completes the checkout: Mollie reports the payment authorised (its webhook).
  expect(await mollie.settle(tr, 'paid')).toBe(200);
  expect(mollie.payments.get(tr)?.status).toBe('authorized');
  await drainJobs(h.ctx);
  const paymentId: string = (await h.ctx.db.selectFrom('payments').select('id').where('returnId', '=', ret.id).executeTakeFirstOrThrow())
    .id;
  const calls = (path: string) => mollie.requests.filter((r) => r.method === 'POST' && r.path === `/v2/payments/${tr}/${path}`);
  const settleTwice = async () => {
    await settleInstantHold(h.ctx, shop.merchant.id, { paymentId });
    await settleInstantHold(h.ctx, shop.merchant.id, { paymentId });
  };
  const entries = async (type: string) => (await getReturn(shop.merchant, ret.id)).timeline.filter((e: any) => e.type === type);
  return { ret, tr, view, calls, settleTwice, entries, paymentId };
}

const jobsOf = (shop: Shop, topic: string) =>
  h.ctx.db.selectFrom('outbox').selectAll().where('merchantId', '=', shop.merchant.id).where('topic', '=', topic).execute();

describe('instant exchange', () => {
  it('authorised: the return opens with the deadline on the status page and in the email; a repeated webhook changes nothing', async () => {
    h.clock.set('2026-06-15T10:00:00.000Z');
    const shop = await instantShop();
    const { ret, tr, view, entries } = await authorisedReturn(shop);
    const shopper = await view();
    expect(shopper.status).toBe('open');
    expect(shopper.instantExchange).toEqual({
      amount: eur('29.95'),
      deadline: '2026-06-29',
      state: 'held',
      captured: null,
      released: null,
    });
    expect(await entries('hold_authorised')).toHaveLength(1);
    // Settled after the deadline day ends in the shop's time zone (Amsterdam, summer time).
    const [settle, ...more] = await jobsOf(shop, 'payment.settle_hold');
    expect(more).toHaveLength(0);
    expect(settle?.availableAt).toBe('2026-06-29T22:00:00.000Z');
    const [emailJob] = await jobsOf(shop, 'email.hold_authorised');
    expect(emailJob).toBeDefined();
    const email = await composeEmail(h.ctx, { ...(emailJob as any), payload: JSON.parse((emailJob as any).payload) });
    expect(email?.message.text).toContain('29.95 EUR is reserved on your payment method');
    expect(email?.message.text).toMatch(/29 June 2026|June 29, 2026/);
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    await drainJobs(h.ctx);
    expect(await entries('hold_authorised')).toHaveLength(1);
    expect((await getReturn(shop.merchant, ret.id)).status).toBe('open');
  });

  it('scanned by the carrier in time: the hold is released once, even when the job runs again', async () => {
    h.clock.set('2026-06-15T10:00:00.000Z');
    const shop = await instantShop();
    const { ret, tr, view, calls, settleTwice, entries } = await authorisedReturn(shop);
    h.clock.set('2026-06-20T09:00:00.000Z');
    const scan = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/events`, {
      at: '2026-06-20T08:30:00.000Z',
      status: 'in_transit',
      carrierCode: 'A01',
      message: 'Dropped off',
    });
    expect(scan.statusCode, scan.body).toBe(201);
    await drainJobs(h.ctx);
    await drainJobs(h.ctx);
    expect(calls('release-authorization')).toHaveLength(1);
    expect(calls('captures')).toHaveLength(0);
    expect(mollie.payments.get(tr)?.status).toBe('canceled');
    expect((await view()).instantExchange).toEqual({
      amount: eur('29.95'),
      deadline: '2026-06-29',
      state: 'released',
      captured: eur('0.00'),
      released: eur('29.95'),
    });
    await settleTwice();
    // The job scheduled for the deadline finds it settled.
    h.clock.set('2026-06-30T08:00:00.000Z');
    await drainJobs(h.ctx);
    expect(calls('release-authorization')).toHaveLength(1);
    expect(calls('captures')).toHaveLength(0);
    expect(await entries('hold_released')).toHaveLength(1);
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    expect(await jobsOf(shop, 'payment.refund')).toHaveLength(0);
  });

  it('not scanned by the deadline: the whole hold is captured once after the deadline day; cancelling then refunds it', async () => {
    h.clock.set('2026-06-15T10:00:00.000Z');
    const shop = await instantShop();
    const { ret, tr, view, calls, settleTwice, entries, paymentId } = await authorisedReturn(shop);
    // Still the deadline day in Amsterdam: the job is not due, and run by hand it holds.
    h.clock.set('2026-06-29T21:59:00.000Z');
    await drainJobs(h.ctx);
    await settleTwice();
    expect(calls('captures')).toHaveLength(0);
    expect((await view()).instantExchange.state).toBe('held');
    h.clock.set('2026-06-29T22:00:00.000Z');
    await drainJobs(h.ctx);
    await settleTwice();
    expect(calls('captures')).toHaveLength(1);
    expect(calls('captures')[0]?.body).toMatchObject({ amount: { value: '29.95', currency: 'EUR' } });
    expect(calls('release-authorization')).toHaveLength(0);
    expect(mollie.payments.get(tr)?.status).toBe('paid');
    expect(await entries('hold_captured')).toHaveLength(1);
    expect((await view()).instantExchange).toEqual({
      amount: eur('29.95'),
      deadline: '2026-06-29',
      state: 'captured',
      captured: eur('29.95'),
      released: eur('0.00'),
    });
    // Mollie reports the payment paid: nothing more happens.
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    expect(await jobsOf(shop, 'payment.refund')).toHaveLength(0);
    // The merchant cancels the return: the captured amount goes back.
    const cancelled = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/cancel`, { reason: 'Shopper kept both' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await drainJobs(h.ctx);
    await drainJobs(h.ctx);
    const refunds = mollie.requests.filter((r) => r.method === 'POST' && r.path === `/v2/payments/${tr}/refunds`);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]?.body.amount).toEqual({ value: '29.95', currency: 'EUR' });
    expect(refunds[0]?.headers['idempotency-key']).toBe(paymentId);
    // Worded as the hold's money given back, never as a return fee — for staff, the shopper and Mollie.
    expect(refunds[0]?.body.description).toBe('Refund of the instant exchange hold');
    expect(await entries('fee_refunded')).toHaveLength(0);
    const [refunded, ...again] = await entries('hold_refunded');
    expect(again).toHaveLength(0);
    const re = mollie.payments.get(tr)?.refunds[0]?.id as string;
    expect(refunded.message).toBe(`Instant exchange: the 29.95 EUR captured from the hold refunded through Mollie (${re}, pending).`);
    expect((await view()).timeline.map((e: any) => e.type)).toContain('hold_refunded');
    expect(await mollie.settleRefund(tr, re, 'refunded')).toBe(200);
    const [followed] = await entries('fee_refund');
    expect(followed.message).toBe(`Mollie has refunded the instant exchange's captured hold of 29.95 EUR (${re}).`);
  });

  it('a dearer exchange scanned in time: the difference is captured, the rest released, once', async () => {
    h.clock.set('2026-06-15T10:00:00.000Z');
    const shop = await instantShop();
    const { ret, tr, view, calls, settleTwice, entries } = await authorisedReturn(shop, 'HD-M', '49.95');
    h.clock.set('2026-06-29T20:00:00.000Z');
    const scan = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/events`, {
      at: '2026-06-29T19:00:00.000Z',
      status: 'in_transit',
    });
    expect(scan.statusCode, scan.body).toBe(201);
    await drainJobs(h.ctx);
    await drainJobs(h.ctx);
    await settleTwice();
    expect(calls('captures')).toHaveLength(1);
    expect(calls('captures')[0]?.body.amount).toEqual({ value: '20.00', currency: 'EUR' });
    expect(calls('release-authorization')).toHaveLength(1);
    expect(mollie.payments.get(tr)?.status).toBe('paid');
    const [released, ...more] = await entries('hold_released');
    expect(more).toHaveLength(0);
    expect(released.data).toMatchObject({ captured: '20.00', released: '29.95', deadline: '2026-06-29', scannedOn: '2026-06-29' });
    // Partly captured: the shopper's view, staff's timeline text and both timelines say what really happened.
    expect(released.message).toBe('Instant exchange: 20.00 EUR captured for what the return owes, the rest (29.95 EUR) released.');
    expect(released.hold).toEqual({ captured: eur('20.00'), released: eur('29.95') });
    const shopper = await view();
    expect(shopper.instantExchange).toEqual({
      amount: eur('49.95'),
      deadline: '2026-06-29',
      state: 'released',
      captured: eur('20.00'),
      released: eur('29.95'),
    });
    expect(shopper.timeline.find((e: any) => e.type === 'hold_released')?.hold).toEqual({ captured: eur('20.00'), released: eur('29.95') });
  });

  it('cancelled before the scan: the hold is released at once, nothing captured', async () => {
    h.clock.set('2026-06-15T10:00:00.000Z');
    const shop = await instantShop();
    const { ret, tr, view, calls, settleTwice, entries } = await authorisedReturn(shop);
    const cancelled = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/cancel`, { reason: null });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await drainJobs(h.ctx);
    await settleTwice();
    expect(calls('release-authorization')).toHaveLength(1);
    expect(calls('captures')).toHaveLength(0);
    expect(mollie.payments.get(tr)?.status).toBe('canceled');
    expect(await entries('hold_released')).toHaveLength(1);
    expect((await view()).instantExchange.state).toBe('released');
  });

  it('the portal settings: instant needs exchanges offered and at most 21 days; a portal without Mollie refuses the exchange', async () => {
    const shop = await setupShop(h);
    const post = (exchanges: Record<string, unknown>) =>
      shop.merchant.call('POST', '/api/v1/portals', {
        slug: `acme-${Math.random().toString(36).slice(2, 10)}`,
        brandId: shop.brand.id,
        enabled: true,
        returnAddressId: shop.returnAddress.id,
        returnWindowDays: 30,
        methods: ['drop_off'],
        carriers: { '*': ['sandbox'] },
        resolutions: ['refund', 'exchange'],
        exchanges,
      });
    const off = await post({ ...EXCHANGES, offered: false });
    expect(off.statusCode, off.body).toBe(400);
    expect(off.body).toContain('instant');
    const long = await post({ ...EXCHANGES, instantHoldDays: 22 });
    expect(long.statusCode, long.body).toBe(400);
    expect(long.body).toContain('instantHoldDays');
    const made = await post({ ...EXCHANGES, instantHoldDays: 10 });
    expect(made.statusCode, made.body).toBe(201);
    // The shopper's portal states the days before the return is made; without instant it says nothing.
    const shown = json(await h.app.inject({ method: 'GET', url: `/api/portal/${json(made).slug}` }));
    expect(shown.exchanges.instantHoldDays).toBe(10);
    const plain = await post({ ...EXCHANGES, instant: false });
    expect(json(await h.app.inject({ method: 'GET', url: `/api/portal/${json(plain).slug}` })).exchanges).not.toHaveProperty(
      'instantHoldDays',
    );

    const bare = await setupShop(h, { exchanges: EXCHANGES });
    expect((await bare.merchant.call('PUT', '/api/v1/products', CATALOGUE)).statusCode).toBe(200);
    const { payload } = await importOrder(h, bare);
    const f = await found(h, bare.slug, payload);
    const tee = item(f, 'TS-M').id;
    const opts = json(
      await h.app.inject({
        method: 'GET',
        url: `/api/portal/${bare.slug}/exchange-options?item=${tee}`,
        headers: { authorization: `Bearer ${f.token}` },
      }),
    );
    const large = opts.products[0].variants.find((v: any) => v.sku === 'TS-L').id;
    const items = [{ orderItemId: tee, quantity: 1, reason: 'too_small', exchange: { variantId: large } }];
    expectError(
      await postReturn(h, bare.slug, f.token, returnBody(tee, { items, resolution: 'exchange' })),
      422,
      'payments_not_configured',
    );
  });
});
