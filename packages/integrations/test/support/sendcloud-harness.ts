// Shared set-up of the Sendcloud adapter tests: an adapter pointed at the fake, book requests,
// CarrierError capture, and a scanner (pdftoppm + zbarimg) for the labels the fake serves.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type BookRequest, CarrierError } from '../../src/carriers/adapter.ts';
import { createSendcloudAdapterWith } from '../../src/carriers/sendcloud/adapter.ts';
import type { FakeSendcloud } from './fake-sendcloud.ts';
import type { FakePoint } from './fake-sendcloud-points.ts';

const dir = mkdtempSync(join(tmpdir(), 'sendcloud-'));
let files = 0;

/** Decoded symbols of a PDF (rasterised at 300 dpi) or PNG, as `zbarimg -q` prints them (`CODE-128:…`). */
export function scan(bytes: Uint8Array, kind: 'pdf' | 'png'): string[] {
  const file = join(dir, `doc-${process.pid}-${files++}.${kind}`);
  writeFileSync(file, bytes);
  let png = file;
  if (kind === 'pdf') {
    execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', file, file.replace(/\.pdf$/, '')]);
    png = file.replace(/\.pdf$/, '.png');
  }
  return execFileSync('zbarimg', ['-q', png], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** The clock of the duplicate look-up: a day after the fake's returns were made. */
export const NOW = () => new Date('2026-12-02T10:00:00Z');

export function adapterFor(fake: FakeSendcloud, keys = { publicKey: fake.publicKey, secretKey: fake.secretKey }, timeoutMs = 2000) {
  return createSendcloudAdapterWith(keys, { baseUrl: fake.baseUrl, timeoutMs }, { now: NOW });
}

/** Book requests with fresh references (`R-<prefix>0001`, …), as a shopper in Eindhoven returning to Amsterdam. */
export function requestFactory(prefix: string): (overrides?: Partial<BookRequest>) => BookRequest {
  let counter = 0;
  return (overrides = {}) => {
    counter += 1;
    return {
      reference: `R-${prefix}${String(counter).padStart(4, '0')}`,
      idempotencyKey: `ret_${counter}`,
      method: 'drop_off',
      service: 'postnl:standard/return',
      from: {
        name: 'Sanne Shopper',
        street: 'Stadhuisplein',
        houseNumber: '10',
        postalCode: '5611 EM',
        city: 'Eindhoven',
        country: 'NL',
        email: 's@example.com',
        phone: '+31612345678',
      },
      to: {
        name: 'Retour Warehouse',
        company: 'Shop BV',
        street: 'Keizersgracht',
        houseNumber: '1',
        postalCode: '1015 CJ',
        city: 'Amsterdam',
        country: 'NL',
      },
      weightGrams: 1200,
      labelFormat: 'a6',
      orderNumber: `#${1000 + counter}`,
      ...overrides,
    };
  };
}

export async function failure(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

export const SAMPLE_POINTS: FakePoint[] = [
  {
    id: 11,
    name: 'Far Locker',
    carrier: 'postnl',
    general_shop_type: 'locker',
    address: { street: 'Stationsplein', house_number: '1', postal_code: '5611 AC', city: 'Eindhoven', country_code: 'NL' },
    position: { latitude: 51.4432, longitude: 5.4816 },
    opening_times: { monday: [{ start_time: '10:00', end_time: '21:00' }], tuesday: null },
  },
  {
    id: 12,
    name: 'Near Shop',
    carrier: 'postnl',
    general_shop_type: 'servicepoint',
    address: { street: 'Stadhuisplein', house_number: '1', postal_code: '5611 EM', city: 'Eindhoven', country_code: 'NL' },
    position: { latitude: 51.438, longitude: 5.4785 },
    opening_times: {
      monday: [
        { start_time: '09:00', end_time: '12:30' },
        { start_time: '13:30', end_time: '17:00' },
      ],
      saturday: [{ start_time: '10:00', end_time: '16:00' }],
      sunday: null,
    },
  },
];
