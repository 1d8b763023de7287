// Returns on a merchant's carrier account, through the real Sendcloud adapter over HTTP to its fake: the
// portal offers the account's chosen services, creation books at once (idempotency key = return
// id), the carrier's documents are served byte for byte, refusals are the shopper's 422 with
// nothing written, a carrier that is down leaves the label pending and the outbox retries,
// refused credentials mark the account, and cancelling voids the label.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEmail } from '../src/emails/compose.ts';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { expectError, getReturn, importOrder } from './merchant-helpers.ts';
import { connectedSendcloud, type RealCarriers, startRealCarriers } from './real-carrier-helpers.ts';
import { createPortalReturn, eur, lookup, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let carriers: RealCarriers;
beforeAll(async () => {
  h = await startHarness();
  carriers = await startRealCarriers(h);
});
afterAll(async () => {
  await h.close();
  await carriers.close();
});
const KEYS = { publicKey: 'pk-test', secretKey: 'sk-test' };
const connectedAccount = (hh: Harness) => connectedSendcloud(hh, carriers.sendcloud);

/** A shop whose portal offers the connected Sendcloud account (code `sc`) in NL and BE. */
async function carrierShop(portal: Record<string, unknown> = {}) {
  const { merchant, id } = await connectedAccount(h);
  const shop = await setupShop(h, { carriers: { NL: ['sc'], BE: ['sc'] }, ...portal }, merchant);
  return { ...shop, accountId: id };
}

/** The returns Sendcloud holds for one of ours (our reference is its external_reference). */
async function shipmentsOf(returnId: string) {
  const row = await h.ctx.db.selectFrom('returns').select('reference').where('id', '=', returnId).executeTakeFirstOrThrow();
  return [...carriers.sendcloud.returns.values()].filter((r) => r.externalReference === row.reference);
}

/** The label as Sendcloud serves it (GET /parcels/{id}/documents/label). */
async function sendcloudLabel(parcelId: number): Promise<Buffer> {
  const res = await fetch(`${carriers.sendcloud.baseUrl}/parcels/${parcelId}/documents/label?paper_size=A6`, {
    headers: { authorization: `Basic ${Buffer.from(`${KEYS.publicKey}:${KEYS.secretKey}`).toString('base64')}`, accept: 'application/pdf' },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('the portal offers the account services', () => {
  it('per country and method, with the service phone rule; beside the sandbox carriers the portal lists', async () => {
    const shop = await carrierShop({ carriers: { NL: ['sc', 'sandbox'], BE: ['sc'] } });
    const nl = orderPayload(h);
    await shop.importOrders(nl);
    const found = json(await lookup(h, shop.slug, { orderNumber: nl.orderNumber, postalCode: nl.shippingAddress.postalCode }));
    const byMethod = Object.fromEntries(
      found.options.methods.map((m: any) => [m.method, m.carriers.map((c: any) => [c.code, c.phoneRequired])]),
    );
    expect(byMethod).toEqual({
      drop_off: [
        ['sandbox', false],
        ['sc', false],
      ],
      drop_off_labelless: [
        ['sandbox', false],
        ['sc', false],
      ],
      pickup: [
        ['sandbox', false],
        ['sc', true],
      ],
    });
    const de = orderPayload(h, { shippingAddress: { ...nl.shippingAddress, postalCode: '10119', city: 'Berlin', country: 'DE' } });
    await shop.importOrders(de);
    const none = await lookup(h, shop.slug, { orderNumber: de.orderNumber, postalCode: '10119' });
    expectError(none, 422, 'no_return_method_for_country');
  });

  it('save-portal accepts the account code and refuses unknown codes', async () => {
    const { merchant } = await connectedAccount(h);
    const shop = await setupShop(h, { carriers: { NL: ['sc'] } }, merchant);
    const bad = await merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { carriers: { NL: ['sc', 'nope'] } });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.details.issues[0].path).toEqual(['carriers', 'NL', 1]);
  });
});

describe('booking at creation', () => {
  it('books with the chosen service and our reference, stores the label bytes and the carrier price', async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop);
    const created = await createPortalReturn(h, shop.slug, payload, { carrier: 'sc' });
    expect(created.statusCode, created.body).toBe(201);
    const body = json(created);
    const [shipment, ...more] = await shipmentsOf(body.id);
    expect(more).toEqual([]);
    expect(shipment).toMatchObject({
      externalReference: body.reference,
      shipping_option: { code: 'postnl:standard/return' },
      from_address: { postal_code: payload.shippingAddress.postalCode, country_code: 'NL' },
      to_address: { name: 'Acme Returns', postal_code: '1015 CV' },
    });
    const ret = await getReturn(shop.merchant, body.id);
    expect(ret.carrier).toBe('sc');
    expect(ret.label).toMatchObject({
      status: 'ready',
      trackingNumber: shipment?.tracking_number,
      formats: ['a6'],
      customsDeclaration: false,
      reason: null,
    });
    expect(ret.timeline.map((e: any) => e.type)).toContain('carrier_booked');

    const label = await shop.merchant.call('GET', `/api/v1/returns/${body.id}/label?format=a6`);
    expect(label.statusCode).toBe(200);
    expect(label.headers['content-type']).toBe('application/pdf');
    expect(label.rawPayload.equals(await sendcloudLabel(shipment?.parcelId ?? 0))).toBe(true);
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
    expect(email?.message.text).toContain(`booked with Sendcloud (tracking number ${shipment?.tracking_number})`);
    expect(email?.message.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`return-${body.reference}-a6.pdf`, 'application/pdf'],
    ]);
    expect(Buffer.from(email?.message.attachments[0]?.content ?? '').equals(label.rawPayload)).toBe(true);

    const month = h.clock.now.toISOString().slice(0, 7);
    const costs = json(await shop.merchant.call('GET', `/api/v1/reports/label-costs?from=${month}&to=${month}`));
    expect(costs.data).toEqual([{ month, carrier: 'sc', labels: 1, total: eur('5.95') }]);
  });

  it("label-less: keeps the code and serves Sendcloud's QR image as made; pickups keep the window Sendcloud booked", async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop);
    const created = json(await createPortalReturn(h, shop.slug, payload, { carrier: 'sc', method: 'drop_off_labelless' }));
    const ret = await getReturn(shop.merchant, created.id);
    expect(ret.label.formats).toEqual(['qr']);
    const qr = await shop.merchant.call('GET', `/api/v1/returns/${created.id}/qr`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toBe('image/png');
    expect(qr.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const row = await h.ctx.db.selectFrom('returns').select('labelless').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.labelless as string)).toMatchObject({ payload: ret.label.trackingNumber, symbology: 'qrcode' });

    const second = await importOrder(h, shop);
    const pickup = await createPortalReturn(h, shop.slug, second.payload, {
      carrier: 'sc',
      method: 'pickup',
      pickup: { date: '2026-06-17' },
      contact: { email: 'sanne@example.com', phone: '+31612345678' },
    });
    expect(pickup.statusCode, pickup.body).toBe(201);
    const booked = await getReturn(shop.merchant, json(pickup).id);
    expect(booked.label.pickup).toEqual({ date: '2026-06-17', from: '09:00', to: '17:00' });
  });

  it('an address the carrier refuses is a 422 naming the field, localised, and nothing is written', async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop, { shippingAddress: { ...orderPayload(h).shippingAddress, postalCode: '0000 XX' } });
    const before = await h.ctx.db.selectFrom('outbox').select('id').where('merchantId', '=', shop.merchant.id).execute();
    const res = await createPortalReturn(h, shop.slug, payload, { carrier: 'sc' });
    const error = expectError(res, 422, 'carrier_rejected_address');
    expect(error.details).toEqual({ field: 'from.postalCode', carrierMessage: 'The postal code you provided is invalid.' });
    const nl = await createPortalReturn(h, shop.slug, payload, { carrier: 'sc' }, { 'accept-language': 'nl' });
    expect(json(nl).error.message).toMatch(/adres/);
    const returns = await h.ctx.db.selectFrom('returns').select('id').where('merchantId', '=', shop.merchant.id).execute();
    expect(returns).toEqual([]);
    const after = await h.ctx.db.selectFrom('outbox').select('id').where('merchantId', '=', shop.merchant.id).execute();
    expect(after).toEqual(before);
  });

  it("the carrier's message reads as a sentence of the shopper's message (no doubled full stop)", async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop, { shippingAddress: { ...orderPayload(h).shippingAddress, postalCode: '0000 XX' } });
    const error = expectError(await createPortalReturn(h, shop.slug, payload, { carrier: 'sc' }), 422, 'carrier_rejected_address');
    expect(error.message).toMatch(/: The postal code you provided is invalid\. Check the address with the shop\.$/);
    expect(error.message).not.toMatch(/\.\./);
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

  it('draws the CN23 when the carrier gives no customs papers (Sendcloud), having sent it the customs lines', async () => {
    const shop = await crossBorderShop();
    const { payload } = await importOrder(h, shop);
    {
      const id = json(await createPortalReturn(h, shop.slug, payload, { carrier: 'sc' })).id;
      expect((await getReturn(shop.merchant, id)).label.customsDeclaration).toBe(true);
      const customs = await shop.merchant.call('GET', `/api/v1/returns/${id}/customs`);
      expect(customs.statusCode).toBe(200);
      expect(customs.headers['content-type']).toBe('application/pdf');
      expect(customs.rawPayload.length).toBeGreaterThan(1000);
      // Sendcloud was given the customs lines (parcel_items) but makes no customs papers itself.
      expect((await shipmentsOf(id))[0]?.parcel_items).toMatchObject([
        { description: 'T-shirt', hs_code: '610910', origin_country: 'PT', quantity: 1 },
      ]);
    }
  });
});

describe('when the carrier fails', () => {
  it('down: the return is accepted with the label pending and why; the outbox books it after Retry-After', async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop);
    carriers.sendcloud.script({
      status: 503,
      headers: { 'retry-after': '7' },
      body: { errors: [{ status: '503', code: 'unavailable', detail: 'Maintenance.' }] },
    });
    const created = await createPortalReturn(h, shop.slug, payload, { carrier: 'sc' });
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
    expect(await shipmentsOf(id)).toHaveLength(1);
  });

  it('a lost answer: the retried booking carries the same idempotency key and makes no second label', async () => {
    const shop = await carrierShop({ approval: 'manual' });
    const { payload } = await importOrder(h, shop);
    const id = json(await createPortalReturn(h, shop.slug, payload, { carrier: 'sc' })).id;
    carriers.sendcloud.dropAnswer.add('/returns/announce-synchronously');
    const approved = await shop.merchant.call('POST', `/api/v1/returns/${id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await getReturn(shop.merchant, id)).label).toMatchObject({ status: 'pending', reason: { code: 'carrier_unavailable' } });
    expect(await shipmentsOf(id)).toHaveLength(1);
    h.clock.advance(60_000);
    await drainJobs(h.ctx, 50, ['return.event']);
    const ret = await getReturn(shop.merchant, id);
    expect(ret.label.status).toBe('ready');
    expect(await shipmentsOf(id)).toHaveLength(1);
    expect(ret.label.trackingNumber).toBe((await shipmentsOf(id))[0]?.tracking_number);
  });

  it('refused credentials: the return waits, the account shows auth_failed, and reconnecting lets the label follow', async () => {
    const shop = await carrierShop();
    const { payload } = await importOrder(h, shop);
    carriers.sendcloud.secretKey = 'sk-rotated';
    try {
      const created = await createPortalReturn(h, shop.slug, payload, { carrier: 'sc' });
      expect(created.statusCode, created.body).toBe(201);
      const id = json(created).id;
      expect((await getReturn(shop.merchant, id)).label).toMatchObject({ status: 'pending', reason: { code: 'carrier_auth_failed' } });
      const account = json(await shop.merchant.call('GET', `/api/v1/carrier-accounts/${shop.accountId}`));
      expect(account.status).toBe('auth_failed');
      expect(account.lastError.action).toMatch(/Reconnect/);
      h.clock.advance(60_000);
      await drainJobs(h.ctx, 50, ['return.event']);
      expect((await getReturn(shop.merchant, id)).label.status).toBe('pending');
      expect(await shipmentsOf(id)).toEqual([]);

      carriers.sendcloud.secretKey = KEYS.secretKey;
      const reconnected = await h.app.inject({
        method: 'PUT',
        url: `/api/v1/carrier-accounts/${shop.accountId}/credentials`,
        payload: KEYS,
        headers: { authorization: `Bearer ${shop.merchant.apiKey}` },
      });
      expect(reconnected.statusCode, reconnected.body).toBe(200);
      await drainJobs(h.ctx, 50, ['return.event']);
      expect((await getReturn(shop.merchant, id)).label.status).toBe('ready');
      expect(await shipmentsOf(id)).toHaveLength(1);
    } finally {
      carriers.sendcloud.secretKey = KEYS.secretKey;
    }
  });
});

describe('cancelling a booked return', () => {
  it('voids the label with the carrier, or notes that it was used already', async () => {
    const shop = await carrierShop();
    const first = await importOrder(h, shop);
    const a = json(await createPortalReturn(h, shop.slug, first.payload, { carrier: 'sc' })).id;
    const second = await importOrder(h, shop);
    const b = json(await createPortalReturn(h, shop.slug, second.payload, { carrier: 'sc' })).id;
    const scanned = (await shipmentsOf(b))[0];
    if (!scanned) throw new Error('not booked');
    carriers.sendcloud.scan(scanned.id, 'in_transit', '2026-06-15T11:00:00Z');
    for (const id of [a, b]) expect((await shop.merchant.call('POST', `/api/v1/returns/${id}/cancel`)).statusCode).toBe(200);
    await drainJobs(h.ctx);
    await drainJobs(h.ctx);
    expect((await shipmentsOf(a))[0]?.cancelled).toBe(true);
    expect((await shipmentsOf(b))[0]?.cancelled).toBe(false);
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
