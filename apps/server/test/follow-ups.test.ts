// Behaviours settled after the first test pass: fee currency, idempotency across lookups, staff
// text kept from shoppers, illegal actions judged before their input, and safe deletes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { found } from './portal-helpers.ts';
import { createPortalReturn, eur, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const FEE = { returnFee: { amount: eur('2.95'), payment: 'deduct_from_refund' } };

describe('the return fee and the order currency', () => {
  it('charges the fee on orders in its currency', async () => {
    const shop = await setupShop(h, FEE);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const ret = json(await createPortalReturn(h, shop.slug, order));
    expect(ret.fee).toEqual({ value: '2.95', currency: 'EUR' });
  });

  it('charges no fee on an order in another currency (no conversion), and says so in every option', async () => {
    const shop = await setupShop(h, FEE);
    const chf = (value: string) => ({ value, currency: 'CHF' });
    const order = orderPayload(h, {
      currency: 'CHF',
      items: [
        {
          externalId: 'c1',
          sku: 'TS',
          name: 'T-shirt',
          quantity: 1,
          unitPrice: chf('30.00'),
          hsCode: '610910',
          originCountry: 'PT',
          weightGrams: 200,
        },
      ],
    });
    await shop.importOrders(order);
    const lookedUp = await found(h, shop.slug, order);
    const fees = lookedUp.options.methods.flatMap((m) => m.carriers.map((c) => c.fee));
    expect(fees.length).toBeGreaterThan(0);
    for (const fee of fees) expect(fee).toEqual({ value: '0.00', currency: 'CHF' });
    const created = await createPortalReturn(h, shop.slug, order);
    expect(created.statusCode, created.body).toBe(201);
    expect(json(created).fee).toEqual({ value: '0.00', currency: 'CHF' });
  });
});

describe('Idempotency-Key on a portal return', () => {
  it('replays the first return even when the shopper looked the order up again (new token)', async () => {
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const first = await createPortalReturn(h, shop.slug, order, {}, { 'idempotency-key': 'shopper-retry-1' });
    expect(first.statusCode, first.body).toBe(201);
    h.clock.advance(31 * 60_000); // the first token has expired; the shopper looks the order up again
    const again = await createPortalReturn(h, shop.slug, order, {}, { 'idempotency-key': 'shopper-retry-1' });
    expect(again.statusCode, again.body).toBe(201);
    expect(json(again).id).toBe(json(first).id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const list = json(await shop.merchant.call('GET', '/api/v1/returns'));
    expect(list.data).toHaveLength(1);
  });
});

describe('staff text stays with staff', () => {
  it('a cancel reason is on the merchant timeline but not in the shopper view', async () => {
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const ret = json(await createPortalReturn(h, shop.slug, order));
    const cancelled = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/cancel`, {
      reason: 'Customer called: duplicate, internal ref Zq-internal-ref',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const merchantEntry = json(cancelled).timeline.find((e: { type: string }) => e.type === 'cancelled');
    expect(merchantEntry.message).toContain('internal ref Zq-internal-ref');
    const shopper = await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/returns/${ret.id}?access=${ret.accessCode}` });
    expect(shopper.statusCode).toBe(200);
    const entry = json(shopper).timeline.find((e: { type: string }) => e.type === 'cancelled');
    expect(entry).toMatchObject({ type: 'cancelled', status: 'cancelled' });
    expect(shopper.body).not.toContain('Zq-internal-ref');
  });
});

describe('an illegal action is refused before its input is judged', () => {
  it.each([
    ['refunds', {}],
    ['refunds', { amount: eur('5.00'), note: 'goodwill' }],
    ['store-credits', { amount: eur('5.00') }],
    ['replacements', { carrier: 'dhl', trackingNumber: 'JD0001' }],
    ['receive', { items: [{ orderItemId: 'not-in-this-return', quantity: 99, condition: 'used' }] }],
  ])('%s on a requested return is 409 invalid_transition whatever the body', async (action, body) => {
    const shop = await setupShop(h, { approval: 'manual' });
    const order = orderPayload(h);
    await shop.importOrders(order);
    const ret = json(await createPortalReturn(h, shop.slug, order));
    expect(ret.status).toBe('requested');
    const res = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/${action}`, body);
    expect(res.statusCode, res.body).toBe(409);
    expect(json(res).error).toMatchObject({ code: 'invalid_transition', details: { status: 'requested' } });
  });
});

describe('deletes never leave records pointing at nothing', () => {
  it('a portal with returns cannot be deleted (disable it instead); without returns it can', async () => {
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    await createPortalReturn(h, shop.slug, order);
    const refused = await shop.merchant.call('DELETE', `/api/v1/portals/${shop.portal.id}`);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).error.message).toContain('Disable it');
    const disabled = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { enabled: false });
    expect(json(disabled).enabled).toBe(false);

    const empty = await setupShop(h);
    expect((await empty.merchant.call('DELETE', `/api/v1/portals/${empty.portal.id}`)).statusCode).toBe(204);
  });

  it('a brand with addresses or orders cannot be deleted; an unused one can', async () => {
    const shop = await setupShop(h);
    const refused = await shop.merchant.call('DELETE', `/api/v1/brands/${shop.brand.id}`);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).error.details.usedBy).toBe('portals');
    const spare = json(await shop.merchant.call('POST', '/api/v1/brands', { name: 'Spare' }));
    await shop.merchant.call('POST', '/api/v1/addresses', {
      kind: 'sender',
      brandId: spare.id,
      name: 'S',
      street: 'x',
      postalCode: '1',
      city: 'y',
      country: 'NL',
    });
    const withAddress = await shop.merchant.call('DELETE', `/api/v1/brands/${spare.id}`);
    expect(json(withAddress).error.details.usedBy).toBe('addresses');
    const unused = json(await shop.merchant.call('POST', '/api/v1/brands', { name: 'Unused' }));
    expect((await shop.merchant.call('DELETE', `/api/v1/brands/${unused.id}`)).statusCode).toBe(204);
  });
});

describe('a withdrawal made through the portal (EU art. 11a)', () => {
  it('records the withdrawal on the return and queues its acknowledgement, once', async () => {
    const shop = await setupShop(h, { withdrawalFunction: true });
    const order = orderPayload(h);
    await shop.importOrders(order);
    const created = await createPortalReturn(h, shop.slug, order, { withdrawal: true, language: 'de' });
    expect(created.statusCode, created.body).toBe(201);
    const ret = json(created);
    const detail = json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`));
    const entry = detail.timeline.find((e: { type: string }) => e.type === 'withdrawal');
    expect(entry).toMatchObject({ type: 'withdrawal', at: h.clock.now.toISOString(), actor: 'shopper' });
    const emails = json(await shop.merchant.call('GET', '/api/v1/emails?status=pending'));
    const acks = emails.data.filter(
      (e: { template: string; returnId: string }) => e.template === 'withdrawal_acknowledged' && e.returnId === ret.id,
    );
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ recipient: 'sanne@example.com', language: 'de' });
  });

  it('is refused on a portal without the withdrawal function, naming the field', async () => {
    const shop = await setupShop(h, { withdrawalFunction: false });
    const order = orderPayload(h);
    await shop.importOrders(order);
    const res = await createPortalReturn(h, shop.slug, order, { withdrawal: true });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.details.issues[0].path).toEqual(['withdrawal']);
  });

  it('an ordinary portal return is not a withdrawal', async () => {
    const shop = await setupShop(h, { withdrawalFunction: true });
    const order = orderPayload(h);
    await shop.importOrders(order);
    const ret = json(await createPortalReturn(h, shop.slug, order));
    const detail = json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`));
    expect(detail.timeline.some((e: { type: string }) => e.type === 'withdrawal')).toBe(false);
  });
});
