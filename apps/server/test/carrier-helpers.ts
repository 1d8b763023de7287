// Shared by the carrier-account tests: the test carrier (test support, over HTTP on 127.0.0.1)
// plugged into the app as the `sendcloud` provider, and a merchant with a connected account.
import { expect } from 'vitest';
import type { Harness, Merchant } from './support/harness.ts';
import { json, newMerchant } from './support/harness.ts';
import { testCarrierAdapters } from './support/test-carrier-adapter.ts';
import { startTestCarrierServer, TEST_CARRIER_KEYS, type TestCarrierServer } from './support/test-carrier-server.ts';

export async function startCarrier(h: Harness): Promise<TestCarrierServer> {
  const carrier = await startTestCarrierServer();
  h.ctx.carrierAdapters = testCarrierAdapters(carrier.apiUrl);
  h.ctx.providers = { ...h.ctx.providers, timeoutMs: 2000 };
  return carrier;
}

export function connectBody(code = 'tc', keys = TEST_CARRIER_KEYS) {
  return { provider: 'sendcloud', code, name: 'Test Carrier', credentials: { ...keys } };
}

/** Connects the test carrier account and chooses its services for NL (and drop-off for BE). */
export async function connectedAccount(h: Harness, m?: Merchant, code = 'tc') {
  const merchant = m ?? (await newMerchant(h));
  const created = await merchant.call('POST', '/api/v1/carrier-accounts', connectBody(code));
  expect(created.statusCode, created.body).toBe(201);
  const id: string = json(created).id;
  const patched = await merchant.call('PATCH', `/api/v1/carrier-accounts/${id}`, {
    settings: {
      services: [
        { country: 'NL', method: 'drop_off', service: 'tc:dropoff' },
        { country: 'BE', method: 'drop_off', service: 'tc:dropoff' },
        { country: 'NL', method: 'drop_off_labelless', service: 'tc:labelless' },
        { country: 'NL', method: 'pickup', service: 'tc:pickup' },
      ],
    },
  });
  expect(patched.statusCode, patched.body).toBe(200);
  return { merchant, id, account: json(patched) };
}
