// The Sendcloud adapter against a fake Sendcloud v3 over real HTTP on 127.0.0.1 (see the fake's
// header for the published references each rule follows): credentials, shipping options, booking
// for each method (labels rasterised with pdftoppm and decoded with zbarimg, as a scanner would),
// retries, refusals, outages and cancellation. Tracking, webhooks and service points:
// sendcloud-adapter-tracking.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSendcloudAdapter, SENDCLOUD_BASE_URL } from '../src/carriers/sendcloud/adapter.ts';
import { createSendcloudClient } from '../src/carriers/sendcloud/client.ts';
import { listReturnServices } from '../src/carriers/sendcloud/services.ts';
import { FakeSendcloud } from './support/fake-sendcloud.ts';
import { adapterFor, failure, requestFactory, SAMPLE_POINTS, scan } from './support/sendcloud-harness.ts';

const fake = new FakeSendcloud();
const adapter = (keys?: { publicKey: string; secretKey: string }, timeoutMs?: number) => adapterFor(fake, keys, timeoutMs);
const request = requestFactory('SC');

beforeAll(async () => {
  await fake.start();
  fake.points = SAMPLE_POINTS;
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.received.length = 0;
});

describe('Sendcloud adapter: booking', () => {
  it('points at the production host', () => {
    expect(SENDCLOUD_BASE_URL).toBe('https://panel.sendcloud.sc/api/v3');
    expect(createSendcloudAdapter({ publicKey: 'a', secretKey: 'b' }, { baseUrl: fake.baseUrl, timeoutMs: 1000 }).provider).toBe(
      'sendcloud',
    );
  });

  it('verifies good keys with HTTP Basic and refuses bad ones as carrier_auth_failed', async () => {
    expect(await adapter().verify()).toEqual({ accountName: 'Sendcloud user 4242, integration 77' });
    expect(fake.received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('pk-test:sk-test').toString('base64')}`);
    const error = await failure(adapter({ publicKey: 'pk-test', secretKey: 'wrong' }).verify());
    expect(error.code).toBe('carrier_auth_failed');
    expect(error.carrierMessage).toMatch(/ending in …test \(Invalid username\/password\.\)\. Reconnect the Sendcloud account/);
    expect(error.opts.said).toBe('Invalid username/password.');
  });

  it('lists the return shipping options with their methods', async () => {
    const services = await adapter().services();
    expect(fake.received[0]?.body).toMatchObject({ functionalities: { returns: true }, calculate_quotes: false });
    expect(services.map((service) => [service.code, service.carrier, service.methods, service.phoneRequired])).toEqual([
      ['postnl:standard/return', 'postnl', ['drop_off', 'drop_off_labelless'], false],
      ['dhl:return/pickup', 'dhl', ['pickup'], true],
      ['dpd:return/return', 'dpd', ['drop_off', 'pickup'], false],
    ]);
  });

  it('reads contract prices from shipping-option quotes when a route is given', async () => {
    const client = createSendcloudClient({ baseUrl: fake.baseUrl, publicKey: fake.publicKey, secretKey: fake.secretKey, timeoutMs: 2000 });
    const services = await listReturnServices(client, { fromCountry: 'NL', toCountry: 'NL', weightGrams: 1200 });
    expect(fake.received.at(-1)?.body).toMatchObject({
      from_country_code: 'NL',
      to_country_code: 'NL',
      calculate_quotes: true,
      parcels: [{ weight: { value: '1.200', unit: 'kg' } }],
    });
    expect(services.map((service) => [service.code, service.price, service.fromCountries])).toEqual([
      ['postnl:standard/return', { amountMinor: 595, currency: 'EUR' }, ['NL']],
      ['dhl:return/pickup', { amountMinor: 850, currency: 'EUR' }, ['NL']],
      ['dpd:return/return', { amountMinor: 640, currency: 'EUR' }, ['NL']],
    ]);
    expect((await adapter().services()).every((service) => service.price === null)).toBe(true);
  });

  it('books a print-at-home return: label PDF with the tracking number as Code 128, price from label_cost', async () => {
    const req = request();
    const booking = await adapter().book(req);
    const create = fake.received.find((r) => r.path.endsWith('/returns/announce-synchronously'));
    expect(create?.body).toMatchObject({
      external_reference: req.reference,
      delivery_option: 'drop_off_point',
      ship_with: { type: 'shipping_option_code', shipping_option_code: 'postnl:standard/return' },
      weight: { value: 1.2, unit: 'kg' },
      from_address: {
        name: 'Sanne Shopper',
        address_line_1: 'Stadhuisplein',
        house_number: '10',
        postal_code: '5611 EM',
        country_code: 'NL',
      },
    });
    expect(booking.trackingNumber).toMatch(/^3SSEND\d{9}$/);
    expect(booking.price).toEqual({ amountMinor: 595, currency: 'EUR' });
    expect(booking.documentsPending).toBe(false);
    expect(booking.documents).toHaveLength(1);
    const [label] = booking.documents;
    expect(label).toMatchObject({ kind: 'label', format: 'a6', mimeType: 'application/pdf' });
    const docCall = fake.received.find((r) => r.path.includes('/documents/label'));
    expect(docCall?.query.get('paper_size')).toBe('A6');
    expect(scan(label?.bytes ?? new Uint8Array(), 'pdf')).toContain(`CODE-128:${booking.trackingNumber}`);
  });

  it.each([
    ['a4', 'a4', 'application/pdf'],
    ['zpl', 'zpl', 'application/zpl'],
    ['png', 'png', 'image/png'],
  ] as const)('fetches the label again as %s, untouched', async (wanted, format, mimeType) => {
    const booking = await adapter().book(request());
    const [doc] = (await adapter().fetchDocuments?.(booking.carrierShipmentId, wanted)) ?? [];
    expect(doc).toMatchObject({ kind: 'label', format, mimeType });
    if (format === 'zpl') expect(Buffer.from(doc?.bytes ?? []).toString('utf8')).toContain(`^BCN,200,Y,N,N^FD${booking.trackingNumber}^FS`);
    if (format === 'png') expect(scan(doc?.bytes ?? new Uint8Array(), 'png')).toContain(`CODE-128:${booking.trackingNumber}`);
    if (format === 'a4') expect(scan(doc?.bytes ?? new Uint8Array(), 'pdf')).toContain(`CODE-128:${booking.trackingNumber}`);
  });

  it('books a label-less return: no label, the carrier QR image that decodes to the payload', async () => {
    const booking = await adapter().book(request({ method: 'drop_off_labelless' }));
    expect(fake.received.find((r) => r.path.endsWith('/announce-synchronously'))?.body.delivery_option).toBe('drop_off_labelless');
    expect(booking.documents).toEqual([]);
    expect(booking.labelless).toMatchObject({
      payload: booking.trackingNumber,
      symbology: 'qrcode',
      image: { kind: 'qr', mimeType: 'image/png' },
    });
    expect(scan(booking.labelless?.image?.bytes ?? new Uint8Array(), 'png')).toEqual([`QR-Code:${booking.trackingNumber}`]);
  });

  it('books a pickup with the preferred date through POST /pickups', async () => {
    const req = request({ method: 'pickup', service: 'dhl:return/pickup', pickupDate: '2026-12-07' });
    const booking = await adapter().book(req);
    expect(fake.received.find((r) => r.path.endsWith('/announce-synchronously'))?.body.delivery_option).toBe('pickup');
    expect(booking.pickup).toEqual({ date: '2026-12-07', from: '09:00', to: '17:00' });
    expect(fake.pickups.at(-1)).toMatchObject({ carrier_code: 'dhl', reference: req.reference, address: { postal_code: '5611 EM' } });
    expect(booking.documents[0]?.mimeType).toBe('application/pdf');
  });

  it('a retried booking answers with the first return instead of making a second label', async () => {
    const req = request();
    const first = await adapter().book(req);
    const before = fake.returns.size;
    const again = await adapter().book(req);
    expect(fake.returns.size).toBe(before);
    expect(again.carrierShipmentId).toBe(first.carrierShipmentId);
    expect(again.trackingNumber).toBe(first.trackingNumber);
    expect(scan(again.documents[0]?.bytes ?? new Uint8Array(), 'pdf')).toContain(`CODE-128:${first.trackingNumber}`);
    // Found through the listing (several pages), not by a second create.
    expect(fake.received.filter((r) => r.method === 'GET' && r.path.endsWith('/returns')).length).toBeGreaterThan(0);
  });

  it('a booking whose answer was lost is found on retry, not made twice', async () => {
    const req = request();
    fake.dropAnswer.add('/returns/announce-synchronously');
    const before = fake.returns.size;
    const lost = await failure(adapter().book(req));
    expect(lost.code).toBe('carrier_unavailable');
    expect(fake.returns.size).toBe(before + 1);
    const retried = await adapter().book(req);
    expect(fake.returns.size).toBe(before + 1);
    const made = [...fake.returns.values()].at(-1);
    expect(retried.carrierShipmentId).toBe(`${made?.id}:${made?.parcelId}`);
    expect(retried.trackingNumber).toBe(made?.tracking_number);
    expect(scan(retried.documents[0]?.bytes ?? new Uint8Array(), 'pdf')).toContain(`CODE-128:${made?.tracking_number}`);
  });

  it('says the documents are pending while the carrier has not made the label, and fetches them later', async () => {
    fake.labelsPending = true;
    const booking = await adapter().book(request());
    fake.labelsPending = false;
    expect(booking.documentsPending).toBe(true);
    expect(booking.documents).toEqual([]);
    const [label] = (await adapter().fetchDocuments?.(booking.carrierShipmentId, 'a6')) ?? [];
    expect(label).toMatchObject({ kind: 'label', format: 'a6', mimeType: 'application/pdf' });
    expect(scan(label?.bytes ?? new Uint8Array(), 'pdf')).toContain(`CODE-128:${booking.trackingNumber}`);
  });

  it('books again after a cancellation under the next reference, still once per retry', async () => {
    const req = request();
    const first = await adapter().book(req);
    await adapter().cancel(first.carrierShipmentId);
    const second = await adapter().book(req);
    expect(second.carrierShipmentId).not.toBe(first.carrierShipmentId);
    const creates = fake.received.filter((r) => r.path.endsWith('/announce-synchronously')).map((r) => r.body.external_reference);
    expect(creates).toEqual([req.reference, req.reference, `${req.reference}/2`]);
    const before = fake.returns.size;
    const retried = await adapter().book(req);
    expect(fake.returns.size).toBe(before);
    expect(retried.carrierShipmentId).toBe(second.carrierShipmentId);
  });

  it('finds the earlier return across listing pages', async () => {
    fake.pageSize = 2;
    const req = request();
    const first = await adapter().book(req);
    await adapter().book(request());
    await adapter().book(request());
    const pagesBefore = fake.received.length;
    const again = await adapter().book(req);
    expect(again.trackingNumber).toBe(first.trackingNumber);
    const listed = fake.received.slice(pagesBefore).filter((r) => r.method === 'GET' && r.path.endsWith('/returns'));
    expect(listed.length).toBeGreaterThan(1);
    fake.pageSize = 40;
  });

  it.each([
    [
      'a missing postal code',
      { from: { ...request().from, postalCode: '' } },
      'from.postalCode',
      /from_address\.postal_code: This field is required/,
    ],
    ['a bad country of the return address', { to: { ...request().to, country: 'Nederland' } }, 'to.country', /to_address\.country_code/],
    [
      'a postal code the carrier refuses',
      { from: { ...request().from, postalCode: '0000 XX' } },
      'from.postalCode',
      /The postal code you provided is invalid/,
    ],
    [
      'a missing phone the carrier needs',
      { service: 'dhl:return/pickup', method: 'pickup' as const, from: { ...request().from, phone: null } },
      'from.phone',
      /phone_number/,
    ],
  ])('refuses %s as carrier_rejected_address naming the field', async (_name, overrides, field, message) => {
    const error = await failure(adapter().book(request(overrides)));
    expect(error.code).toBe('carrier_rejected_address');
    expect(error.opts.field).toBe(field);
    expect(error.carrierMessage).toMatch(message);
  });

  it('books an international return with its customs lines, and Sendcloud refuses one without', async () => {
    const from = { ...request().from, country: 'CH', postalCode: '8001', city: 'Zürich' };
    const customs = {
      invoiceNumber: 'INV-R-1',
      lines: [
        {
          description: 'Wool sweater',
          quantity: 1,
          weightGrams: 600,
          valueMinor: 8950,
          currency: 'EUR',
          hsCode: '611011',
          originCountry: 'PT',
          sku: 'SW-1',
        },
      ],
    };
    const booking = await adapter().book(request({ from, customs }));
    expect(booking.trackingNumber).toMatch(/^3SSEND/);
    expect(fake.received.find((r) => r.path.endsWith('/announce-synchronously'))?.body).toMatchObject({
      customs_invoice_nr: 'INV-R-1',
      customs_information: { invoice_number: 'INV-R-1', export_reason: 'returned_goods' },
      parcel_items: [
        {
          description: 'Wool sweater',
          quantity: 1,
          hs_code: '611011',
          origin_country: 'PT',
          price: { value: 89.5, currency: 'EUR' },
          weight: { value: 0.6, unit: 'kg' },
        },
      ],
    });
    const error = await failure(adapter().book(request({ from })));
    expect(error.code).toBe('carrier_rejected');
    expect(error.carrierMessage).toMatch(/parcel_items: This field is required outside the EU/);
  });

  it('refuses other bad requests as carrier_rejected', async () => {
    const error = await failure(adapter().book(request({ method: 'drop_off_labelless', service: 'dpd:return/return' })));
    expect(error.code).toBe('carrier_rejected');
    expect(error.carrierMessage).toMatch(/cannot be announced without a label/);
    expect((await failure(adapter().book(request({ method: 'in_store' })))).code).toBe('carrier_rejected');
  });

  it.each([
    ['a 503', { status: 503, body: { errors: [{ status: '503', code: 'unavailable', detail: 'Down for maintenance' }] } }, undefined],
    ['a 429 with Retry-After', { status: 429, headers: { 'retry-after': '7' }, body: null }, 7000],
    ['a 500 with an HTML page', { status: 500, body: '<html>oops</html>' }, undefined],
  ])('maps %s to carrier_unavailable', async (_name, answer, retryAfterMs) => {
    fake.script(answer);
    const error = await failure(adapter().book(request()));
    expect(error.code).toBe('carrier_unavailable');
    expect(error.retryable).toBe(true);
    expect(error.opts.retryAfterMs).toBe(retryAfterMs);
  });

  it('maps a timeout to carrier_unavailable', async () => {
    fake.script('hang');
    const error = await failure(adapter(undefined, 300).book(request()));
    expect(error.code).toBe('carrier_unavailable');
    expect(error.carrierMessage).toMatch(/did not answer/);
  });

  it('cancels an unused label, and refuses once the parcel was scanned', async () => {
    const booking = await adapter().book(request());
    await adapter().cancel(booking.carrierShipmentId);
    expect(fake.received.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/api/v3/returns/${booking.carrierShipmentId.split(':')[0]}/cancel`,
    });
    const scanned = await adapter().book(request());
    fake.scan(Number(scanned.carrierShipmentId.split(':')[0]), 'At sorting centre', '2026-12-03T08:00:00Z');
    const error = await failure(adapter().cancel(scanned.carrierShipmentId));
    expect(error.code).toBe('carrier_not_cancellable');
    expect(error.carrierMessage).toMatch(/Return is not cancellable\./);
  });
});
