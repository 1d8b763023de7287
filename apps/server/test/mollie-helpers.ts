// Shared by the Mollie tests: a local Mollie server, a merchant connected to it, a portal whose
// drop-off returns cost an up-front fee, and shopper-side calls (pay, status, Mollie's webhook).
import { expect } from 'vitest';
import { importOrder } from './merchant-helpers.ts';
import { createPortalReturn, eur, setupShop } from './support/fixtures.ts';
import { type Harness, json, type Merchant, newMerchant } from './support/harness.ts';
import { type MollieServer, startMollieServer } from './support/mollie-server.ts';

export const TEST_KEY = 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM';
export const LIVE_KEY = 'live_hT4c5Wb2YxnzFxSA2mQeRpaFMwJ8Ap';

export async function startMollie(h: Harness): Promise<MollieServer> {
  // Mollie's webhook calls reach the app through inject() (the harness does not listen).
  const postWebhook = async (url: string, form: string) =>
    (
      await h.app.inject({
        method: 'POST',
        url: new URL(url).pathname,
        payload: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
    ).statusCode;
  const mollie = await startMollieServer({ apiKeys: [TEST_KEY, LIVE_KEY], postWebhook });
  h.ctx.providers = { ...h.ctx.providers, mollieApiUrl: mollie.apiUrl, timeoutMs: 3000 };
  return mollie;
}

export function putMollieKey(h: Harness, m: Merchant, apiKey: string) {
  return h.app.inject({
    method: 'PUT',
    url: '/api/v1/payment-accounts/mollie',
    payload: { apiKey },
    headers: { authorization: `Bearer ${m.apiKey}` },
  });
}

/** A merchant connected to the local Mollie with a portal charging €2.95 up front for drop-offs. */
export async function paidShop(h: Harness) {
  const m = await newMerchant(h);
  const connected = await putMollieKey(h, m, TEST_KEY);
  expect(connected.statusCode, connected.body).toBe(200);
  return setupShop(h, { returnFee: { amount: eur('2.95'), payment: 'upfront' } }, m);
}

export type PaidShop = Awaited<ReturnType<typeof paidShop>>;

/** A drop-off return that waits for its fee, with the shopper's access code. */
export async function awaitingReturn(h: Harness, shop: PaidShop, language = 'en') {
  const { payload } = await importOrder(h, shop);
  const created = await createPortalReturn(h, shop.slug, payload, { language });
  expect(created.statusCode, created.body).toBe(201);
  const body = json(created);
  expect(body.status).toBe('awaiting_payment');
  expect(body.fee).toEqual(eur('2.95'));
  const access: string = body.accessCode;
  const id: string = body.id;
  const view = async () => {
    const res = await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/returns/${id}?access=${access}` });
    expect(res.statusCode, res.body).toBe(200);
    return json(res);
  };
  const pay = () => h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/returns/${id}/payments?access=${access}` });
  return { id, access, view, pay };
}

export function webhook(h: Harness, merchantId: string, paymentId: string) {
  return h.app.inject({
    method: 'POST',
    url: `/api/payments/mollie/${merchantId}/webhook`,
    payload: `id=${paymentId}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** The Mollie payment id behind a checkout URL of the local server. */
export const paymentIdOf = (checkoutUrl: string) => checkoutUrl.split('/').pop() as string;
