// Exchanges in the portal (issue #14 items 2–3): the options of one item with stock and price
// difference, the quote before submitting, and the return that records them; a difference to pay
// goes through the Mollie payment before the label, one to refund is recorded for the resolve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { getReturn, importOrder, receiveAll } from './merchant-helpers.ts';
import { paymentIdOf, putMollieKey, startMollie, TEST_KEY, webhook } from './mollie-helpers.ts';
import { expectError, type Found, found, item, postReturn, returnBody } from './portal-helpers.ts';
import { CATALOGUE } from './support/exchange-catalogue.ts';
import { eur, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, type Merchant, newMerchant, startHarness } from './support/harness.ts';
import type { MollieServer } from './support/mollie-server.ts';

let h: Harness;
let mollie: MollieServer;
beforeAll(async () => {
  h = await startHarness();
  mollie = await startMollie(h);
});
afterAll(async () => {
  await mollie.close();
  await h.close();
});

const EXCHANGES = {
  offered: true,
  reasons: ['too_small', 'too_large'],
  priceBand: { lowerPercent: 100, upperPercent: 100 },
  otherProducts: true,
  bonusCredit: { kind: 'percent', percent: 10 },
};

async function exchangeShop(merchant?: Merchant, exchanges: Record<string, unknown> = EXCHANGES): Promise<Shop> {
  const shop = await setupShop(h, { exchanges }, merchant);
  const put = await shop.merchant.call('PUT', '/api/v1/products', CATALOGUE);
  expect(put.statusCode, put.body).toBe(200);
  return shop;
}

async function lookedUp(shop: Shop): Promise<{ found: Found; tee: string }> {
  const { payload } = await importOrder(h, shop);
  const f = await found(h, shop.slug, payload);
  return { found: f, tee: item(f, 'TS-M').id };
}

const options = (shop: Shop, token: string, query: string) =>
  h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/exchange-options?${query}`, headers: { authorization: `Bearer ${token}` } });
const quote = (shop: Shop, token: string, body: unknown) =>
  h.app.inject({
    method: 'POST',
    url: `/api/portal/${shop.slug}/exchange-quote`,
    headers: { authorization: `Bearer ${token}` },
    payload: body as object,
  });
const variantId = (opts: any, sku: string): string => {
  for (const p of opts.products) for (const v of p.variants) if (v.sku === sku) return v.id;
  throw new Error(`no variant ${sku}`);
};

describe('GET /api/portal/{slug}', () => {
  it('names the bonus credit for choosing an exchange or store credit; a portal without exchanges names none', async () => {
    const shop = await exchangeShop();
    const pub = json(await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}` }));
    expect(pub.exchanges).toEqual({
      reasons: ['too_small', 'too_large'],
      otherProducts: true,
      bonusCredit: { kind: 'percent', percent: 10 },
    });
    const fixed = await exchangeShop(undefined, { ...EXCHANGES, bonusCredit: { kind: 'fixed', amount: eur('5.00') } });
    const pubFixed = json(await h.app.inject({ method: 'GET', url: `/api/portal/${fixed.slug}` }));
    expect(pubFixed.exchanges.bonusCredit).toEqual({ kind: 'fixed', amount: eur('5.00') });
    const plain = await setupShop(h);
    expect(json(await h.app.inject({ method: 'GET', url: `/api/portal/${plain.slug}` })).exchanges).toBeUndefined();
  });
});

describe('GET /api/portal/{slug}/exchange-options', () => {
  it("lists the item's product with every size and its stock; out of stock is listed but not selectable", async () => {
    const shop = await exchangeShop();
    const { found: f, tee } = await lookedUp(shop);
    const res = await options(shop, f.token, `item=${tee}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body).toMatchObject({ orderItemId: tee, unitPrice: eur('29.95'), reasons: ['too_small', 'too_large'], otherProducts: true });
    expect(body.products).toHaveLength(1);
    expect(body.products[0]).toMatchObject({ title: 'T-shirt', sameProduct: true });
    expect(body.products[0].variants.map((v: any) => [v.title, v.available, v.selectable, v.priceDifference.value])).toEqual([
      ['S', 0, false, '0.00'],
      ['M', 4, true, '0.00'],
      ['L', 1, true, '0.00'],
      ['XL', 5, true, '-5.00'],
    ]);
    // Two of L are more than the stock holds.
    const two = json(await options(shop, f.token, `item=${tee}&quantity=2`));
    expect(two.products[0].variants.find((v: any) => v.title === 'L')).toMatchObject({ available: 1, selectable: false });
    // The search finds other products (the portal opted in).
    const search = json(await options(shop, f.token, `item=${tee}&q=hood`));
    expect(search.products.map((p: any) => [p.title, p.sameProduct])).toEqual([
      ['T-shirt', true],
      ['Hoodie', false],
    ]);
    expect(search.products[1].variants[0].priceDifference).toEqual(eur('20.00'));
  });

  it('needs the lookup token, exchanges offered, and an item of the order', async () => {
    const shop = await exchangeShop();
    const { found: f, tee } = await lookedUp(shop);
    expectError(await options(shop, 'nonsense', `item=${tee}`), 401, 'invalid_token');
    expectError(await options(shop, f.token, 'item=itm_unknown'), 422, 'item_not_returnable');
    const off = await setupShop(h);
    const g = await lookedUp(off);
    expectError(await options(off, g.found.token, `item=${g.tee}`), 422, 'exchange_not_offered');
    // A token of one portal does not open another's options.
    expectError(await options(off, f.token, `item=${tee}`), 401, 'invalid_token');
  });

  it("shows only the merchant's own catalogue", async () => {
    await exchangeShop();
    const bare = await setupShop(h, { exchanges: EXCHANGES });
    const { found: f, tee } = await lookedUp(bare);
    const body = json(await options(bare, f.token, `item=${tee}&q=t-shirt`));
    expect(body.products).toEqual([]);
  });
});

describe('exchange quote and return', () => {
  it('same price: free, no payment; the return records the exchange and the bonus credit', async () => {
    const shop = await exchangeShop();
    const { found: f, tee } = await lookedUp(shop);
    const large = variantId(json(await options(shop, f.token, `item=${tee}`)), 'TS-L');
    const items = [{ orderItemId: tee, quantity: 1, reason: 'too_small', exchange: { variantId: large } }];
    const q = await quote(shop, f.token, { items, resolution: 'exchange' });
    expect(q.statusCode, q.body).toBe(200);
    expect(json(q)).toMatchObject({ toPay: eur('0.00'), toRefund: eur('0.00'), bonusCredit: eur('2.99') });
    expect(json(q).exchanges).toEqual([
      {
        orderItemId: tee,
        variantId: large,
        kind: 'variant',
        productTitle: 'T-shirt',
        variantTitle: 'L',
        quantity: 1,
        unitPrice: eur('29.95'),
        priceDifference: eur('0.00'),
      },
    ]);

    const created = await postReturn(h, shop.slug, f.token, returnBody(tee, { items, resolution: 'exchange' }));
    expect(created.statusCode, created.body).toBe(201);
    const ret = json(created);
    expect(ret.status).toBe('open');
    expect(ret).toMatchObject({ amountDue: eur('0.00'), bonusCredit: eur('2.99') });
    const rows = await h.ctx.db.selectFrom('returnExchanges').selectAll().where('returnId', '=', ret.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      variantId: large,
      kind: 'variant',
      quantity: 1,
      priceDifferenceMinor: 0,
      bonusCreditMinor: 299,
      sku: 'TS-L',
    });
    const merchantView = await getReturn(shop.merchant, ret.id);
    const asked = merchantView.timeline.find((e: any) => e.type === 'exchange_requested');
    expect(asked.message).toBe('Exchange asked: T-shirt – L ×1.');
  });

  it('a cheaper size: the difference is recorded for refund on resolve; nothing to pay', async () => {
    const shop = await exchangeShop();
    const { found: f, tee } = await lookedUp(shop);
    const xl = variantId(json(await options(shop, f.token, `item=${tee}`)), 'TS-XL');
    const items = [{ orderItemId: tee, quantity: 2, reason: 'too_small', exchange: { variantId: xl } }];
    expect(json(await quote(shop, f.token, { items, resolution: 'exchange' }))).toMatchObject({
      toPay: eur('0.00'),
      toRefund: eur('10.00'),
    });
    const ret = json(await postReturn(h, shop.slug, f.token, returnBody(tee, { items, resolution: 'exchange' })));
    expect(ret.status).toBe('open');
    const row = await h.ctx.db
      .selectFrom('returns')
      .select(['exchangeBalance', 'bonusCredit'])
      .where('id', '=', ret.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ exchangeBalance: -1000, bonusCredit: 599 });
  });

  it('a cheaper size: the difference is refunded once when the return is resolved, and emailed', async () => {
    const shop = await exchangeShop();
    const { found: f, tee } = await lookedUp(shop);
    const xl = variantId(json(await options(shop, f.token, `item=${tee}`)), 'TS-XL');
    const items = [{ orderItemId: tee, quantity: 2, reason: 'too_small', exchange: { variantId: xl } }];
    const ret = json(await postReturn(h, shop.slug, f.token, returnBody(tee, { items, resolution: 'exchange' })));
    expectError(await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/resolve`, {}), 409, 'invalid_transition');
    await receiveAll(shop.merchant, ret);
    const resolved = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/resolve`, {});
    expect(resolved.statusCode, resolved.body).toBe(200);
    await drainJobs(h.ctx);
    const after = await getReturn(shop.merchant, ret.id);
    expect(after.status).toBe('completed');
    const refunds = after.timeline.filter((e: any) => e.type === 'refund');
    expect(refunds.map((e: any) => e.message)).toEqual(['10.00 EUR']);
    expect(after.refunds).toMatchObject([{ amount: eur('10.00'), note: 'Exchange price difference' }]);
    expect(after.timeline.at(-1).type).toBe('completed');
    expectError(await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/resolve`, {}), 409, 'invalid_transition');
    const again = await getReturn(shop.merchant, ret.id);
    expect(again.timeline.filter((e: any) => e.type === 'refund')).toHaveLength(1);
    const mails = await h.ctx.db
      .selectFrom('outbox')
      .select(['topic', 'payload'])
      .where('merchantId', '=', shop.merchant.id)
      .where('topic', '=', 'email.refund_issued')
      .execute();
    expect(mails.map((m) => (typeof m.payload === 'string' ? JSON.parse(m.payload) : m.payload).amount)).toEqual([1000]);
    // The bonus (10% of 2 × 29.95, rounded down) comes alongside the exchange as store credit, once.
    expect(again.storeCredits).toMatchObject([{ amount: eur('5.99'), state: 'recorded', shop: null }]);
  });

  it('a same-price exchange refunds nothing on resolve; its bonus comes as store credit, emailed', async () => {
    const shop = await exchangeShop();
    const { found: f, tee } = await lookedUp(shop);
    const large = variantId(json(await options(shop, f.token, `item=${tee}`)), 'TS-L');
    const items = [{ orderItemId: tee, quantity: 1, reason: 'too_small', exchange: { variantId: large } }];
    const ret = json(await postReturn(h, shop.slug, f.token, returnBody(tee, { items, resolution: 'exchange' })));
    await receiveAll(shop.merchant, ret);
    expect((await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/resolve`, {})).statusCode).toBe(200);
    const after = await getReturn(shop.merchant, ret.id);
    expect(after.status).toBe('completed');
    expect(after.timeline.filter((e: any) => e.type === 'refund')).toEqual([]);
    expect(after.storeCredits).toMatchObject([{ amount: eur('2.99'), state: 'recorded' }]);
    expect(after.proposedCredit).toEqual(after.proposedRefund);
    const mails = await h.ctx.db
      .selectFrom('outbox')
      .select('payload')
      .where('merchantId', '=', shop.merchant.id)
      .where('topic', '=', 'email.store_credit_issued')
      .execute();
    const payloads = mails.map((m) => (typeof m.payload === 'string' ? JSON.parse(m.payload) : m.payload));
    expect(payloads).toMatchObject([{ returnId: ret.id, amount: 299, code: after.storeCredits[0].code }]);
  });

  it('store credit: the proposal includes the bonus, given once; resolving adds no second bonus', async () => {
    const shop = await exchangeShop();
    const { found: f, tee } = await lookedUp(shop);
    const ret = json(await postReturn(h, shop.slug, f.token, returnBody(tee, { resolution: 'store_credit' })));
    await receiveAll(shop.merchant, ret);
    const before = await getReturn(shop.merchant, ret.id);
    expect(before.proposedRefund).toEqual(eur('29.95'));
    expect(before.proposedCredit).toEqual(eur('32.94'));
    const given = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/store-credits`, {});
    expect(given.statusCode, given.body).toBe(201);
    const mid = await getReturn(shop.merchant, ret.id);
    expect(mid.storeCredits).toMatchObject([{ amount: eur('32.94') }]);
    // The bonus is given: what is offered now is the refund value alone (store credit does not count as refunded).
    expect(mid.proposedCredit).toEqual(mid.proposedRefund);
    expect((await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/resolve`, {})).statusCode).toBe(200);
    const after = await getReturn(shop.merchant, ret.id);
    expect(after.status).toBe('completed');
    expect(after.storeCredits).toHaveLength(1);
  });

  it('store credit of another amount than proposed carries no bonus, so the bonus stays on offer', async () => {
    const shop = await exchangeShop();
    const { found: f, tee } = await lookedUp(shop);
    const ret = json(await postReturn(h, shop.slug, f.token, returnBody(tee, { resolution: 'store_credit' })));
    await receiveAll(shop.merchant, ret);
    const given = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/store-credits`, { amount: eur('10.00') });
    expect(given.statusCode, given.body).toBe(201);
    expect((await getReturn(shop.merchant, ret.id)).proposedCredit).toEqual(eur('32.94'));
  });

  it('refuses what the portal or the stock does not allow, and stores nothing', async () => {
    const shop = await exchangeShop(undefined, { ...EXCHANGES, otherProducts: false });
    const { found: f, tee } = await lookedUp(shop);
    const opts = json(await options(shop, f.token, `item=${tee}`));
    const small = variantId(opts, 'TS-S');
    const large = variantId(opts, 'TS-L');
    const hoodie = (
      await h.ctx.db
        .selectFrom('productVariants')
        .select('id')
        .where('sku', '=', 'HD-M')
        .where('merchantId', '=', shop.merchant.id)
        .executeTakeFirstOrThrow()
    ).id;
    const cases: [unknown[], string, number, string][] = [
      [[{ orderItemId: tee, quantity: 1, reason: 'too_small', exchange: { variantId: small } }], 'exchange', 422, 'exchange_out_of_stock'],
      [[{ orderItemId: tee, quantity: 2, reason: 'too_small', exchange: { variantId: large } }], 'exchange', 422, 'exchange_out_of_stock'],
      [[{ orderItemId: tee, quantity: 1, reason: 'damaged', exchange: { variantId: large } }], 'exchange', 422, 'exchange_not_offered'],
      [[{ orderItemId: tee, quantity: 1, reason: 'too_small', exchange: { variantId: hoodie } }], 'exchange', 422, 'exchange_not_offered'],
      [
        [{ orderItemId: tee, quantity: 1, reason: 'too_small', exchange: { variantId: 'var_nope' } }],
        'exchange',
        422,
        'exchange_variant_not_found',
      ],
      [[{ orderItemId: tee, quantity: 1, reason: 'too_small', exchange: { variantId: large } }], 'refund', 400, 'validation_error'],
    ];
    for (const [items, resolution, status, code] of cases) {
      expectError(await quote(shop, f.token, { items, resolution }), status, code);
      expectError(await postReturn(h, shop.slug, f.token, returnBody(tee, { items, resolution })), status, code);
    }
    const stored = await h.ctx.db.selectFrom('returns').select('id').where('merchantId', '=', shop.merchant.id).execute();
    expect(stored).toEqual([]);
  });

  it('a dearer product: the difference is paid through Mollie before the label', async () => {
    const m = await newMerchant(h);
    expect((await putMollieKey(h, m, TEST_KEY)).statusCode).toBe(200);
    const shop = await exchangeShop(m);
    const { found: f, tee } = await lookedUp(shop);
    const hoodie = variantId(json(await options(shop, f.token, `item=${tee}&q=hoodie`)), 'HD-M');
    const items = [{ orderItemId: tee, quantity: 1, reason: 'too_large', exchange: { variantId: hoodie } }];
    expect(json(await quote(shop, f.token, { items, resolution: 'exchange' }))).toMatchObject({ toPay: eur('20.00') });
    const created = await postReturn(h, shop.slug, f.token, returnBody(tee, { items, resolution: 'exchange' }));
    expect(created.statusCode, created.body).toBe(201);
    const ret = json(created);
    expect(ret).toMatchObject({ status: 'awaiting_payment', amountDue: eur('20.00'), fee: eur('0.00') });
    expect(ret.label.status).toBe('none');

    const pay = await h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/returns/${ret.id}/payments?access=${ret.accessCode}` });
    expect(pay.statusCode, pay.body).toBe(201);
    const tr = paymentIdOf(json(pay).checkoutUrl);
    const created2 = mollie.requests.find((r) => r.method === 'POST' && r.path === '/v2/payments' && r.body?.metadata?.returnId === ret.id);
    expect(created2?.body.amount).toEqual({ value: '20.00', currency: 'EUR' });
    mollie.setStatus(tr, 'paid');
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    await drainJobs(h.ctx);
    const after = await getReturn(shop.merchant, ret.id);
    expect(after.status).toBe('open');
    expect(after.label.status).toBe('ready');
    expect(after.timeline.find((e: any) => e.type === 'paid').message).toBe(`Payment of 20.00 EUR paid (Mollie ${tr}).`);
  });

  it('a dearer exchange without a payment provider is refused before anything is stored', async () => {
    const shop = await exchangeShop();
    const { found: f, tee } = await lookedUp(shop);
    const hoodie = variantId(json(await options(shop, f.token, `item=${tee}&q=hoodie`)), 'HD-M');
    const items = [{ orderItemId: tee, quantity: 1, reason: 'too_large', exchange: { variantId: hoodie } }];
    expectError(
      await postReturn(h, shop.slug, f.token, returnBody(tee, { items, resolution: 'exchange' })),
      422,
      'payments_not_configured',
    );
  });

  it('store credit earns the bonus on every returned item; a refund earns none', async () => {
    const shop = await exchangeShop();
    const { found: f, tee } = await lookedUp(shop);
    const credit = json(await postReturn(h, shop.slug, f.token, returnBody(tee, { resolution: 'store_credit' })));
    expect(credit.bonusCredit).toEqual(eur('2.99'));
    const g = await lookedUp(shop);
    const refund = json(await postReturn(h, shop.slug, g.found.token, returnBody(g.tee)));
    expect(refund.bonusCredit).toBeUndefined();
  });
});
