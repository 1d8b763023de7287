// Stock reservations (issue #14 item 3, migration 0020): each exchange line holds its quantity of
// the new variant while the return is open. The portal shows stock − reservations; two shoppers
// asking for the last unit at the same moment get it once (the other is told it is out of stock),
// on SQLite and PostgreSQL; the reservation ends when the return is cancelled or rejected, or is
// consumed when the replacement order is made (shopify-exchange.test.ts, replacement-orders.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReturnExchanges } from '@retour/db/repos/return-exchanges';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { importOrder } from './merchant-helpers.ts';
import { expectError, found, item, postReturn, returnBody } from './portal-helpers.ts';
import { eur, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { SIZE_EXCHANGES } from './support/exchange-catalogue.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

/** A shop (approval as given) selling the T-shirt of the order fixture (TS-M) with `large` units of L. */
async function shopWithLarge(large: number, approval: 'automatic' | 'manual' = 'automatic'): Promise<Shop> {
  const shop = await setupShop(h, { approval, exchanges: SIZE_EXCHANGES });
  const put = await shop.merchant.call('PUT', '/api/v1/products', {
    products: [
      {
        id: 'tee',
        title: 'T-shirt',
        variants: [
          {
            id: 'tee-m',
            sku: 'TS-M',
            options: [{ name: 'Size', value: 'M' }],
            price: eur('29.95'),
            stock: [{ locationId: 'wh', available: 4 }],
          },
          {
            id: 'tee-l',
            sku: 'TS-L',
            options: [{ name: 'Size', value: 'L' }],
            price: eur('29.95'),
            stock: [{ locationId: 'wh', available: large }],
          },
        ],
      },
    ],
  });
  expect(put.statusCode, put.body).toBe(200);
  return shop;
}

/** A shopper with their own order, looked up, with the L's id and its availability as the portal shows it. */
async function shopper(shop: Shop) {
  const { payload } = await importOrder(h, shop);
  const f = await found(h, shop.slug, payload);
  const tee = item(f, 'TS-M').id;
  const large = async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/exchange-options?item=${tee}`,
      headers: { authorization: `Bearer ${f.token}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    return json(res).products[0].variants.find((v: any) => v.sku === 'TS-L') as { id: string; available: number; selectable: boolean };
  };
  const ask = async (quantity = 1) => {
    const { id } = await large();
    const items = [{ orderItemId: tee, quantity, reason: 'too_small', exchange: { variantId: id } }];
    return postReturn(h, shop.slug, f.token, returnBody(tee, { items, resolution: 'exchange' }));
  };
  return { large, ask };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) if ((await drainJobs(h.ctx)) === 0) return;
};
const reservationsOf = async (shop: Shop, returnId: string) =>
  (await listReturnExchanges(h.ctx.db, shop.merchant.id, returnId)).map((e) => [e.quantity, e.reservation]);

describe('stock reservations', () => {
  it('the portal shows stock minus what open returns hold; a cancelled return gives it back', async () => {
    const shop = await shopWithLarge(3);
    const a = await shopper(shop);
    const b = await shopper(shop);
    expect(await b.large()).toMatchObject({ available: 3, selectable: true });
    const created = await a.ask(2);
    expect(created.statusCode, created.body).toBe(201);
    const id = json(created).id as string;
    expect(await reservationsOf(shop, id)).toEqual([[2, 'held']]);
    expect(await b.large()).toMatchObject({ available: 1, selectable: true });

    expect((await shop.merchant.call('POST', `/api/v1/returns/${id}/cancel`, {})).statusCode).toBe(200);
    await settle();
    expect(await reservationsOf(shop, id)).toEqual([[2, 'released']]);
    expect(await b.large()).toMatchObject({ available: 3, selectable: true });
  });

  it('a rejected return gives its reservation back', async () => {
    const shop = await shopWithLarge(1, 'manual');
    const a = await shopper(shop);
    const b = await shopper(shop);
    const created = await a.ask();
    expect(created.statusCode, created.body).toBe(201);
    const id = json(created).id as string;
    expect(await b.large()).toMatchObject({ available: 0, selectable: false });
    expectError(await b.ask(), 422, 'exchange_out_of_stock');

    const rejected = await shop.merchant.call('POST', `/api/v1/returns/${id}/reject`, { reason: 'Worn.' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    await settle();
    expect(await reservationsOf(shop, id)).toEqual([[1, 'released']]);
    expect(await b.large()).toMatchObject({ available: 1, selectable: true });
    expect((await b.ask()).statusCode).toBe(201);
  });

  it('two shoppers asking for the last unit at the same moment: one gets it, the other is told it is out of stock', async () => {
    const shop = await shopWithLarge(1);
    const shoppers = await Promise.all([shopper(shop), shopper(shop), shopper(shop)]);
    const answers = await Promise.all(shoppers.map((s) => s.ask()));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes, answers.map((r) => r.body).join('\n')).toEqual([201, 422, 422]);
    for (const r of answers.filter((x) => x.statusCode === 422)) expectError(r, 422, 'exchange_out_of_stock');
    const held = await h.ctx.db
      .selectFrom('returnExchanges')
      .select(['quantity', 'reservation'])
      .where('merchantId', '=', shop.merchant.id)
      .execute();
    expect(held).toEqual([{ quantity: 1, reservation: 'held' }]);
  });

  it('a return cannot ask for more than is left', async () => {
    const shop = await shopWithLarge(1);
    const a = await shopper(shop);
    expectError(await a.ask(2), 422, 'exchange_out_of_stock');
  });
});
