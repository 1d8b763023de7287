// The real carrier adapters (Sendcloud, PostNL) plugged into the app over HTTP to their fakes from
// packages/integrations/test/support (each enforces its carrier's published API; see the comment at
// the top of each), and merchants with connected accounts on them.
import { createPostnlAdapter } from '@retour/integrations/carriers/postnl/adapter';
import { createSendcloudAdapter } from '@retour/integrations/carriers/sendcloud/adapter';
import { expect } from 'vitest';
import { FakePostnl } from '../../../packages/integrations/test/support/fake-postnl.ts';
import { FakeSendcloud } from '../../../packages/integrations/test/support/fake-sendcloud.ts';
import type { Harness, Merchant } from './support/harness.ts';
import { json, newMerchant } from './support/harness.ts';

export type RealCarriers = { sendcloud: FakeSendcloud; postnl: FakePostnl; close(): Promise<void> };

export async function startRealCarriers(h: Harness): Promise<RealCarriers> {
  const sendcloud = await new FakeSendcloud().start();
  const postnl = new FakePostnl();
  const postnlUrl = await postnl.start();
  h.ctx.carrierAdapters = {
    factories: { sendcloud: createSendcloudAdapter, postnl: createPostnlAdapter },
    baseUrls: { sendcloud: sendcloud.baseUrl, postnl: postnlUrl },
  };
  h.ctx.providers = { ...h.ctx.providers, timeoutMs: 2000 };
  return {
    sendcloud,
    postnl,
    close: async () => {
      await sendcloud.stop();
      await postnl.close();
    },
  };
}

async function connect(_h: Harness, merchant: Merchant, body: object, services: object[]): Promise<string> {
  const created = await merchant.call('POST', '/api/v1/carrier-accounts', body);
  expect(created.statusCode, created.body).toBe(201);
  const id: string = json(created).id;
  const patched = await merchant.call('PATCH', `/api/v1/carrier-accounts/${id}`, { settings: { services } });
  expect(patched.statusCode, patched.body).toBe(200);
  return id;
}

/** A Sendcloud account (code `sc`): PostNL drop-off and label-less from NL, DHL pickup (phone needed). */
export async function connectedSendcloud(h: Harness, fake: FakeSendcloud, m?: Merchant, code = 'sc') {
  const merchant = m ?? (await newMerchant(h));
  const id = await connect(
    h,
    merchant,
    { provider: 'sendcloud', code, name: 'Sendcloud', credentials: { publicKey: fake.publicKey, secretKey: fake.secretKey } },
    [
      { country: 'NL', method: 'drop_off', service: 'postnl:standard/return' },
      { country: 'NL', method: 'drop_off_labelless', service: 'postnl:standard/return' },
      { country: 'NL', method: 'pickup', service: 'dhl:return/pickup' },
    ],
  );
  return { merchant, id };
}

/** A PostNL account (code `pnl`), polled for tracking: its return label service for NL drop-off. */
export async function connectedPostnl(h: Harness, fake: FakePostnl, m?: Merchant, code = 'pnl') {
  const merchant = m ?? (await newMerchant(h));
  const credentials = { apiKey: fake.apiKey, customerCode: fake.customerCode, customerNumber: fake.customerNumber };
  const created = await merchant.call('POST', '/api/v1/carrier-accounts', { provider: 'postnl', code, credentials });
  expect(created.statusCode, created.body).toBe(201);
  const id: string = json(created).id;
  const services = json(await merchant.call('GET', `/api/v1/carrier-accounts/${id}/services`)).data as {
    code: string;
    methods: string[];
  }[];
  const dropOff = services.find((s) => s.methods.includes('drop_off'));
  if (!dropOff) throw new Error(`PostNL offers no drop-off service: ${JSON.stringify(services)}`);
  const patched = await merchant.call('PATCH', `/api/v1/carrier-accounts/${id}`, {
    settings: { services: [{ country: 'NL', method: 'drop_off', service: dropOff.code }] },
  });
  expect(patched.statusCode, patched.body).toBe(200);
  return { merchant, id };
}
