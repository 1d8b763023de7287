// Returns on a merchant's carrier account, over HTTP to the test carrier (test support): the
// portal offers the account's chosen services, creation books at once (idempotency key = return
// id), the carrier's documents are served byte for byte, refusals are the shopper's 422 with
// nothing written, a carrier that is down leaves the label pending and the outbox retries,
// refused credentials mark the account, and cancelling voids the label.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEmail } from '../src/emails/compose.ts';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { connectedAccount, startCarrier } from './carrier-helpers.ts';
import { expectError, getReturn, importOrder } from './merchant-helpers.ts';
import { createPortalReturn, eur, lookup, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { labelBytes, TEST_CARRIER_KEYS, type TestCarrierServer } from './support/test-carrier-server.ts';

let h: Harness;
let carrier: TestCarrierServer;
beforeAll(async () => {
  h = await startHarness();
  carrier = await startCarrier(h);
});
afterAll(async () => {
  await h.close();
  await carrier.close();
});

/** A shop whose portal offers the connected test-carrier account in NL and BE. */
async function carrierShop(portal: Record<string, unknown> = {}) {
  const { merchant, id } = await connectedAccount(h);
  const shop = await setupShop(h, { carriers: { NL: ['tc'], BE: ['tc'] }, ...portal }, merchant);
  return { ...shop, accountId: id };
}

const shipmentsOf = (returnId: string) => carrier.shipments.filter((s) => s.body.idempotencyKey === returnId);

describe('the portal offers the account services', () => {
  it('per country and method, with the service phone rule; beside the sandbox carriers the portal lists', async () => {
    const shop = await carrierShop({ carriers: { NL: ['tc', 'sandbox'], BE: ['tc'] } });
    const nl = orderPayload(h);
    await shop.importOrders(nl);
    const found = json(await lookup(h, shop.slug, { orderNumber: nl.orderNumber, postalCode: nl.shippingAddress.postalCode }));
    const byMethod = Object.fromEntries(
      found.options.methods.map((m: any) => [m.method, m.carriers.map((c: any) => [c.code, c.phoneRequired])]),
    );
    expect(byMethod).toEqual({
      drop_off: [
        ['sandbox', false],
        ['tc', false],
      ],
      drop_off_labelless: [
        ['sandbox', false],
        ['tc', false],
      ],
      pickup: [
        ['sandbox', false],
        ['tc', true],
      ],
    });
    const de = orderPayload(h, { shippingAddress: { ...nl.shippingAddress, postalCode: '10119', city: 'Berlin', country: 'DE' } });
    await shop.importOrders(de);
    const none = await lookup(h, shop.slug, { orderNumber: de.orderNumber, postalCode: '10119' });
    expectError(none, 422, 'no_return_method_for_country');
  });

  it('save-portal accepts the account code and refuses unknown codes', async () => {
    const { merchant } = await connectedAccount(h);
    const shop = await setupShop(h, { carriers: { NL: ['tc'] } }, merchant);
    const bad = await merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { carriers: { NL: ['tc', 'nope'] } });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.details.issues[0].path).toEqual(['carriers', 'NL', 1]);
  });
});

describe('booking at creation', () => {
  it('books with the chosen service and our reference, stores the label bytes and the carrier price', async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop);
    const created = await createPortalReturn(h, shop.slug, payload, { carrier: 'tc' });
    expect(created.statusCode, created.body).toBe(201);
    const body = json(created);
    const [shipment, ...more] = shipmentsOf(body.id);
    expect(more).toEqual([]);
    expect(shipment?.body).toMatchObject({
      reference: body.reference,
      idempotencyKey: body.id,
      service: 'tc:dropoff',
      method: 'drop_off',
      labelFormat: 'a6',
      from: { postalCode: payload.shippingAddress.postalCode, country: 'NL' },
      to: { name: 'Acme Returns', postalCode: '1015 CV' },
      weightGrams: 180,
    });
    const ret = await getReturn(shop.merchant, body.id);
    expect(ret.carrier).toBe('tc');
    expect(ret.label).toMatchObject({
      status: 'ready',
      trackingNumber: shipment?.trackingNumber,
      formats: ['a6'],
      customsDeclaration: false,
      reason: null,
    });
    expect(ret.timeline.map((e: any) => e.type)).toContain('carrier_booked');

    const label = await shop.merchant.call('GET', `/api/v1/returns/${body.id}/label?format=a6`);
    expect(label.statusCode).toBe(200);
    expect(label.headers['content-type']).toBe('application/pdf');
    expect(label.rawPayload.toString('base64')).toBe(labelBytes(shipment as never, 'a6'));
    const shopper = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/returns/${body.id}/label?format=a6&access=${body.accessCode}`,
    });
    expect(shopper.rawPayload.equals(label.rawPayload)).toBe(true);
    const other = expectError(await shop.merchant.call('GET', `/api/v1/returns/${body.id}/label?format=a4`), 404, 'document_not_found');
    expect(other.details?.formats).toEqual(['a6']);

    // The label email names the account and attaches the carrier's label as it made it.
    const job = await h.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('merchantId', '=', shop.merchant.id)
      .where('topic', '=', 'email.label_created')
      .executeTakeFirstOrThrow();
    const email = await composeEmail(h.ctx, { ...job, payload: JSON.parse(job.payload) });
    expect(email?.message.text).toContain(`booked with Test Carrier (tracking number ${shipment?.trackingNumber})`);
    expect(email?.message.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`return-${body.reference}-a6.pdf`, 'application/pdf'],
    ]);
    expect(Buffer.from(email?.message.attachments[0]?.content ?? '').equals(label.rawPayload)).toBe(true);

    const month = h.clock.now.toISOString().slice(0, 7);
    const costs = json(await shop.merchant.call('GET', `/api/v1/reports/label-costs?from=${month}&to=${month}`));
    expect(costs.data).toEqual([{ month, carrier: 'tc', labels: 1, total: eur('4.75') }]);
  });

  it('label-less: keeps the code and draws our QR of it; pickups keep the booked window', async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop);
    const created = json(await createPortalReturn(h, shop.slug, payload, { carrier: 'tc', method: 'drop_off_labelless' }));
    const ret = await getReturn(shop.merchant, created.id);
    expect(ret.label.formats).toEqual(['qr']);
    const qr = await shop.merchant.call('GET', `/api/v1/returns/${created.id}/qr`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toBe('image/png');
    expect(qr.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const row = await h.ctx.db.selectFrom('returns').select('labelless').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.labelless as string)).toEqual({ payload: `TCQR-${ret.label.trackingNumber}`, symbology: 'qrcode' });

    const second = await importOrder(h, shop);
    const pickup = await createPortalReturn(h, shop.slug, second.payload, {
      carrier: 'tc',
      method: 'pickup',
      pickup: { date: '2026-06-17' },
      contact: { email: 'sanne@example.com', phone: '+31612345678' },
    });
    expect(pickup.statusCode, pickup.body).toBe(201);
    const booked = await getReturn(shop.merchant, json(pickup).id);
    expect(booked.label.pickup).toEqual({ date: '2026-06-17', from: '09:00', to: '13:00' });
  });

  it('an address the carrier refuses is a 422 naming the field, localised, and nothing is written', async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop, { shippingAddress: { ...orderPayload(h).shippingAddress, postalCode: '0000XX' } });
    const before = await h.ctx.db.selectFrom('outbox').select('id').where('merchantId', '=', shop.merchant.id).execute();
    const res = await createPortalReturn(h, shop.slug, payload, { carrier: 'tc' });
    const error = expectError(res, 422, 'carrier_rejected_address');
    expect(error.details).toEqual({ field: 'from.postalCode', carrierMessage: 'Postal code 0000XX does not exist.' });
    const nl = await createPortalReturn(h, shop.slug, payload, { carrier: 'tc' }, { 'accept-language': 'nl' });
    expect(json(nl).error.message).toMatch(/adres/);
    const returns = await h.ctx.db.selectFrom('returns').select('id').where('merchantId', '=', shop.merchant.id).execute();
    expect(returns).toEqual([]);
    const after = await h.ctx.db.selectFrom('outbox').select('id').where('merchantId', '=', shop.merchant.id).execute();
    expect(after).toEqual(before);
  });

  it("the carrier's message reads as a sentence of the shopper's message, full stop or not", async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop, { shippingAddress: { ...orderPayload(h).shippingAddress, postalCode: '0000XY' } });
    const error = expectError(await createPortalReturn(h, shop.slug, payload, { carrier: 'tc' }), 422, 'carrier_rejected_address');
    expect(error.message).toMatch(/: Postal code 0000XY is outside the service area\. Check the address with the shop\.$/);
    expect(error.details?.carrierMessage).toBe('Postal code 0000XY is outside the service area');
  });
});

describe('customs papers', () => {
  async function crossBorderShop() {
    const shop = await carrierShop();
    const gb = json(
      await shop.merchant.call('POST', '/api/v1/addresses', {
        kind: 'return',
        brandId: shop.brand.id,
        name: 'Acme UK Returns',
        street: 'Baker Street',
        houseNumber: '221B',
        postalCode: 'NW1 6XE',
        city: 'London',
        country: 'GB',
      }),
    );
    const patched = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { returnAddressId: gb.id });
    expect(patched.statusCode, patched.body).toBe(200);
    return shop;
  }

  it("serves the carrier's customs papers as it made them when it makes them", async () => {
    const shop = await crossBorderShop();
    const { payload } = await importOrder(h, shop);
    const id = json(await createPortalReturn(h, shop.slug, payload, { carrier: 'tc' })).id;
    const shipment = shipmentsOf(id)[0];
    expect(shipment?.body.customs).toMatchObject({
      invoiceNumber: expect.any(String),
      lines: [{ description: 'T-shirt', hsCode: '610910', originCountry: 'PT', quantity: 1 }],
    });
    expect((await getReturn(shop.merchant, id)).label.customsDeclaration).toBe(true);
    const customs = await shop.merchant.call('GET', `/api/v1/returns/${id}/customs`);
    expect(customs.statusCode).toBe(200);
    expect(customs.rawPayload.toString()).toBe(`%PDF-1.4\n% test carrier CN23 ${shipment?.trackingNumber}\n%%EOF\n`);
  });

  it('draws the CN23 only when the carrier gave no customs papers', async () => {
    const shop = await crossBorderShop();
    const { payload } = await importOrder(h, shop);
    carrier.makesCustomsPapers = false;
    try {
      const id = json(await createPortalReturn(h, shop.slug, payload, { carrier: 'tc' })).id;
      expect((await getReturn(shop.merchant, id)).label.customsDeclaration).toBe(true);
      const customs = await shop.merchant.call('GET', `/api/v1/returns/${id}/customs`);
      expect(customs.statusCode).toBe(200);
      expect(customs.headers['content-type']).toBe('application/pdf');
      expect(customs.rawPayload.toString('latin1')).not.toContain('test carrier CN23');
      expect(customs.rawPayload.length).toBeGreaterThan(1000);
    } finally {
      carrier.makesCustomsPapers = true;
    }
  });
});

describe('when the carrier fails', () => {
  it('down: the return is accepted with the label pending and why; the outbox books it after Retry-After', async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop);
    carrier.failNext(1);
    const created = await createPortalReturn(h, shop.slug, payload, { carrier: 'tc' });
    expect(created.statusCode, created.body).toBe(201);
    const id = json(created).id;
    const view = json(
      await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/returns/${id}?access=${json(created).accessCode}` }),
    );
    expect(view.label).toMatchObject({ status: 'pending', formats: [], reason: { code: 'carrier_unavailable' } });
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0); // not before Retry-After (7 s)
    h.clock.advance(7_000);
    await drainJobs(h.ctx, 50, ['return.event']);
    const ret = await getReturn(shop.merchant, id);
    expect(ret.label).toMatchObject({ status: 'ready', formats: ['a6'], reason: null });
    expect(shipmentsOf(id)).toHaveLength(1);
  });

  it('a lost answer: the retried booking carries the same idempotency key and makes no second label', async () => {
    const shop = await carrierShop({ approval: 'manual' });
    const { payload } = await importOrder(h, shop);
    const id = json(await createPortalReturn(h, shop.slug, payload, { carrier: 'tc' })).id;
    carrier.loseNextAnswer();
    const approved = await shop.merchant.call('POST', `/api/v1/returns/${id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await getReturn(shop.merchant, id)).label).toMatchObject({ status: 'pending', reason: { code: 'carrier_unavailable' } });
    expect(shipmentsOf(id)).toHaveLength(1);
    h.clock.advance(60_000);
    await drainJobs(h.ctx, 50, ['return.event']);
    const ret = await getReturn(shop.merchant, id);
    expect(ret.label.status).toBe('ready');
    expect(shipmentsOf(id)).toHaveLength(1);
    expect(ret.label.trackingNumber).toBe(shipmentsOf(id)[0]?.trackingNumber);
  });

  it('refused credentials: the return waits, the account shows auth_failed, and reconnecting lets the label follow', async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop);
    carrier.keys.delete(TEST_CARRIER_KEYS.publicKey);
    try {
      const created = await createPortalReturn(h, shop.slug, payload, { carrier: 'tc' });
      expect(created.statusCode, created.body).toBe(201);
      const id = json(created).id;
      expect((await getReturn(shop.merchant, id)).label).toMatchObject({ status: 'pending', reason: { code: 'carrier_auth_failed' } });
      const account = json(await shop.merchant.call('GET', `/api/v1/carrier-accounts/${shop.accountId}`));
      expect(account.status).toBe('auth_failed');
      expect(account.lastError.action).toMatch(/Reconnect/);
      h.clock.advance(60_000);
      await drainJobs(h.ctx, 50, ['return.event']);
      expect((await getReturn(shop.merchant, id)).label.status).toBe('pending');
      expect(shipmentsOf(id)).toEqual([]);

      carrier.keys.set(TEST_CARRIER_KEYS.publicKey, TEST_CARRIER_KEYS.secretKey);
      const reconnected = await h.app.inject({
        method: 'PUT',
        url: `/api/v1/carrier-accounts/${shop.accountId}/credentials`,
        payload: TEST_CARRIER_KEYS,
        headers: { authorization: `Bearer ${shop.merchant.apiKey}` },
      });
      expect(reconnected.statusCode, reconnected.body).toBe(200);
      await drainJobs(h.ctx, 50, ['return.event']);
      expect((await getReturn(shop.merchant, id)).label.status).toBe('ready');
      expect(shipmentsOf(id)).toHaveLength(1);
    } finally {
      carrier.keys.set(TEST_CARRIER_KEYS.publicKey, TEST_CARRIER_KEYS.secretKey);
    }
  });
});

describe('cancelling a booked return', () => {
  it('voids the label with the carrier, or notes that it was used already', async () => {
    const shop = await carrierShop();
    const first = await importOrder(h, shop);
    const a = json(await createPortalReturn(h, shop.slug, first.payload, { carrier: 'tc' })).id;
    const second = await importOrder(h, shop);
    const b = json(await createPortalReturn(h, shop.slug, second.payload, { carrier: 'tc' })).id;
    const scanned = shipmentsOf(b)[0];
    if (scanned) scanned.scanned = true;
    for (const id of [a, b]) expect((await shop.merchant.call('POST', `/api/v1/returns/${id}/cancel`)).statusCode).toBe(200);
    await drainJobs(h.ctx);
    await drainJobs(h.ctx);
    expect(shipmentsOf(a)[0]?.cancelled).toBe(true);
    expect(shipmentsOf(b)[0]?.cancelled).toBe(false);
    const notes = async (id: string) =>
      (
        await h.ctx.db
          .selectFrom('returnEvents')
          .select(['message', 'data'])
          .where('returnId', '=', id)
          .where('type', '=', 'note')
          .execute()
      ).map((e) => JSON.parse(e.data as string).carrierLabel);
    expect(await notes(a)).toEqual(['voided']);
    expect(await notes(b)).toEqual(['carrier_not_cancellable']);
    const cancelJobs = await h.ctx.db
      .selectFrom('outbox')
      .select(['doneAt'])
      .where('topic', '=', 'carrier.cancel')
      .where('merchantId', '=', shop.merchant.id)
      .execute();
    expect(cancelJobs.every((j) => j.doneAt !== null)).toBe(true);
  });
});
