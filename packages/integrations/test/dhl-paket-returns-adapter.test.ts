// The DHL Paket (Germany) returns adapter against a fake of DHL's Parcel DE Returns API over real
// HTTP (test/support/fake-dhl-paket-returns.ts names the OpenAPI document it follows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTyped, rasterise } from '../../documents/test/scan.ts';
import { type BookRequest, CarrierError } from '../src/carriers/adapter.ts';
import { createDhlPaketReturnsAdapter, DHL_PAKET_RETURNS_BASE_URL, type DhlPaketCredentials } from '../src/carriers/dhl-paket/adapter.ts';
import { FakeDhlPaketReturns } from './support/fake-dhl-paket-returns.ts';

let fake: FakeDhlPaketReturns;
const credentials = (): DhlPaketCredentials => ({ apiKey: fake.apiKey, username: fake.username, password: fake.password });
const adapter = (overrides: Partial<DhlPaketCredentials> = {}, timeoutMs = 5_000) =>
  createDhlPaketReturnsAdapter({ ...credentials(), ...overrides }, { baseUrl: fake.origin, timeoutMs });

const request = (overrides: Partial<BookRequest> = {}): BookRequest => ({
  reference: 'R-DE0001',
  idempotencyKey: 'ret_de_1',
  method: 'drop_off',
  service: 'deu',
  from: {
    name: 'Erika Mustermann',
    street: 'Heidestraße',
    houseNumber: '17',
    postalCode: '51147',
    city: 'Köln',
    country: 'DE',
    email: 'erika@example.de',
  },
  to: {
    name: 'Retouren',
    company: 'Webshop GmbH',
    street: 'Lagerstr.',
    houseNumber: '5',
    postalCode: '53113',
    city: 'Bonn',
    country: 'DE',
  },
  weightGrams: 800,
  labelFormat: 'a4',
  orderNumber: '#1001',
  ...overrides,
});

async function carrierError(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

beforeAll(async () => {
  fake = await new FakeDhlPaketReturns().start();
});
afterAll(() => fake.stop());

describe('DHL Paket returns adapter (Parcel DE Returns API)', () => {
  it('targets DHL production and checks credentials (API key and portal user)', async () => {
    expect(DHL_PAKET_RETURNS_BASE_URL).toBe('https://api-eu.dhl.com/parcel/de/shipping/returns/v1');
    await expect(adapter().verify()).resolves.toEqual({ accountName: 'Webshop GmbH' });
    for (const wrong of [{ apiKey: 'other' }, { password: 'wrong' }]) {
      const error = await carrierError(adapter(wrong).verify());
      expect(error.code).toBe('carrier_auth_failed');
      expect(error.carrierMessage).toContain('user-valid');
    }
  });

  it('offers one service per return receiver, from its shipper country', async () => {
    const services = await adapter().services();
    expect(services.map((s) => [s.code, s.fromCountries, s.methods])).toEqual([
      ['deu', ['DE'], ['drop_off']],
      ['che', ['CH'], ['drop_off']],
    ]);
    expect(services[0]).toMatchObject({ carrier: 'dhl', price: null, phoneRequired: false });
  });

  it('books a return label: the PDF carries the shipment number as Code 128', async () => {
    const booking = await adapter().book(request());
    const call = fake.received.at(-1);
    expect(call?.query.get('labelType')).toBe('SHIPMENT_LABEL');
    expect(call?.query.get('docFormat')).toBe('PDF');
    expect(call?.body).toEqual({
      receiverId: 'deu',
      customerReference: '#1001 R-DE0001',
      shipmentReference: 'R-DE0001',
      shipper: {
        name1: 'Erika Mustermann',
        addressStreet: 'Heidestraße',
        addressHouse: '17',
        postalCode: '51147',
        city: 'Köln',
        email: 'erika@example.de',
      },
      itemWeight: { uom: 'g', value: 800 },
    });
    expect(booking.trackingNumber).toMatch(/^\d{12}$/);
    expect(booking.trackingUrl).toContain(booking.trackingNumber);
    expect(booking.price).toBeNull();
    const [label] = booking.documents;
    expect(label).toMatchObject({ kind: 'label', format: 'a4', mimeType: 'application/pdf' });
    expect(decodeTyped(rasterise(Buffer.from(label?.bytes ?? []), 300))).toContainEqual({
      type: 'CODE-128',
      value: booking.trackingNumber,
    });
  });

  it('books ZPL, and sends customs lines for a return from Switzerland', async () => {
    const zpl = await adapter().book(request({ labelFormat: 'zpl' }));
    expect(fake.received.at(-1)?.query.get('docFormat')).toBe('ZPL2');
    expect(zpl.documents[0]).toMatchObject({ format: 'zpl', mimeType: 'application/zpl' });
    expect(new TextDecoder().decode(zpl.documents[0]?.bytes)).toContain(`^FD${zpl.trackingNumber}^FS`);

    const swiss = { ...request().from, street: 'Musterstr.', houseNumber: '1', postalCode: '3344', city: 'Bern', country: 'CH' };
    const noCustoms = await carrierError(adapter().book(request({ service: 'che', from: swiss })));
    expect(noCustoms.code).toBe('carrier_rejected');
    const line = {
      description: 'Wool jumper',
      quantity: 2,
      weightGrams: 400,
      valueMinor: 4_950,
      currency: 'EUR',
      hsCode: '6110.11',
      originCountry: 'PT',
    };
    await adapter().book(request({ service: 'che', from: swiss, customs: { lines: [line], invoiceNumber: 'INV-1' } }));
    expect(fake.received.at(-1)?.body).toMatchObject({
      itemValue: { currency: 'EUR', value: 99 },
      customsDetails: {
        items: [
          {
            itemDescription: 'Wool jumper',
            packagedQuantity: 2,
            countryOfOrigin: 'PRT',
            hsCode: '611011',
            itemWeight: { uom: 'g', value: 800 },
            itemValue: { currency: 'EUR', value: 99 },
          },
        ],
      },
    });
  });

  it.each([
    ['from.postalCode', { postalCode: '511' }],
    ['from.houseNumber', { houseNumber: null }],
    ['from.city', { city: '' }],
    ['from.email', { email: 'erika-at-example' }],
  ] as const)('an address DHL refuses names the field: %s', async (field, change) => {
    const error = await carrierError(adapter().book(request({ from: { ...request().from, ...change } })));
    expect(error).toMatchObject({ code: 'carrier_rejected_address' });
    expect(error.opts.field).toBe(field);
  });

  it('refuses what the Returns API cannot do, before calling it', async () => {
    const before = fake.received.length;
    expect((await carrierError(adapter().book(request({ from: { ...request().from, country: 'US' } })))).opts.field).toBe('from.country');
    expect((await carrierError(adapter().book(request({ method: 'drop_off_labelless' })))).code).toBe('carrier_rejected');
    expect((await carrierError(adapter().cancel('999990000001'))).code).toBe('carrier_rejected');
    expect((await carrierError(adapter().track([{ trackingNumber: '1', carrierShipmentId: '1' }]))).carrierMessage).toMatch(/tracking/);
    expect((await carrierError(adapter().servicePoints({ country: 'DE', postalCode: '53113', limit: 5 }))).code).toBe('carrier_rejected');
    expect(fake.received.length).toBe(before);
  });

  it('429 and 5xx are carrier_unavailable with Retry-After; a refused receiver is carrier_rejected', async () => {
    fake.failNext({ status: 429, body: { title: 'Too Many Requests', status: 429 }, headers: { 'retry-after': '3' } });
    const limited = await carrierError(adapter().book(request()));
    expect(limited).toMatchObject({ code: 'carrier_unavailable' });
    expect(limited.opts.retryAfterMs).toBe(3_000);
    fake.failNext({ status: 502, body: { title: 'Bad Gateway', status: 502 } });
    expect((await carrierError(adapter().services())).code).toBe('carrier_unavailable');
    const unknown = await carrierError(adapter().book(request({ service: 'xyz' })));
    expect(unknown.code).toBe('carrier_rejected');
    expect(unknown.carrierMessage).toContain('receiverId');
  });
});
