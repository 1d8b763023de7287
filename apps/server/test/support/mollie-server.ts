// A local server that answers like Mollie's Payments API v2 (docs.mollie.com) for the calls Retour
// makes — list methods, create payment, get payment, create and get refund, and for holds
// (docs.mollie.com/docs/place-a-hold-for-a-payment; reference "Create capture" and "Release payment
// authorization"; mollie/mollie-api-node src/data/payments/captures/data.ts and
// src/binders/payments/PaymentsBinder.ts releaseAuthorization): `captureMode` automatic|manual, a
// manual payment becomes `authorized` (with `captureBefore`) instead of `paid`, POST
// /v2/payments/{id}/captures (optional amount up to what remains authorised; the full amount makes
// the payment `paid`), POST /v2/payments/{id}/release-authorization (202, empty body; `canceled`
// without captures, else `paid`); both refused (422) unless the payment is `authorized`.
// — with Mollie's error shape
// { status, title, detail, field?, _links }, Bearer API keys, and Idempotency-Key replay. It also
// serves a checkout page like Mollie's test mode (buttons "Paid" / "Failed"): choosing posts the
// classic webhook (form body id=tr_…) to the payment's webhookUrl, then redirects the browser to
// its redirectUrl. Tests read every request and can queue failures (429, 5xx, a hanging request).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type MollieCaptureState, captured, captureFor, cents, releaseFor } from './mollie-captures.ts';

export type MollieRequest = { method: string; path: string; headers: IncomingMessage['headers']; body: any };
export type MolliePaymentState = {
  resource: 'payment';
  id: string;
  mode: 'test' | 'live';
  createdAt: string;
  status: string;
  amount: { value: string; currency: string };
  amountRefunded: { value: string; currency: string };
  description: string;
  redirectUrl: string;
  webhookUrl: string | null;
  metadata: unknown;
  locale: string | null;
  refunds: MollieRefundState[];
  captureMode: 'automatic' | 'manual';
  captures: MollieCaptureState[];
  captureBefore: string | null;
};
export type MollieRefundState = {
  id: string;
  amount: { value: string; currency: string };
  status: string;
  description: string;
  createdAt: string;
  metadata: unknown;
};
type Scripted = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

const DOCS = { documentation: { href: 'https://docs.mollie.com/overview/handling-errors', type: 'text/html' } };
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized Request',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
export const mollieError = (status: number, detail: string, field?: string) => ({
  status,
  title: TITLES[status] ?? 'Error',
  detail,
  ...(field ? { field } : {}),
  _links: DOCS,
});
const token = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex').slice(0, 10)}`;
const AMOUNT = /^\d+\.\d{2}$/;

export type MollieServer = Awaited<ReturnType<typeof startMollieServer>>;

/** How the server posts a webhook (default: fetch; tests can pass Retour's app.inject instead). */
export type WebhookPoster = (url: string, form: string) => Promise<number>;
const postWithFetch: WebhookPoster = async (url, form) =>
  (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })).status;

export async function startMollieServer(options: { apiKeys: string[]; postWebhook?: WebhookPoster }) {
  const postWebhook = options.postWebhook ?? postWithFetch;
  const keys = new Set(options.apiKeys);
  const payments = new Map<string, MolliePaymentState>();
  const requests: MollieRequest[] = [];
  const scripted: Scripted[] = [];
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const sockets = new Set<Socket>();
  const webhookCalls: { url: string; body: string; status: number }[] = [];
  let base = '';

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/hal+json', ...headers });
    res.end(JSON.stringify(body));
  };

  const view = (p: MolliePaymentState) => ({
    resource: p.resource,
    id: p.id,
    mode: p.mode,
    createdAt: p.createdAt,
    status: p.status,
    isCancelable: p.status === 'open',
    amount: p.amount,
    amountRefunded: p.amountRefunded,
    description: p.description,
    method: null,
    metadata: p.metadata,
    locale: p.locale,
    profileId: 'pfl_local',
    sequenceType: 'oneoff',
    redirectUrl: p.redirectUrl,
    webhookUrl: p.webhookUrl,
    ...(p.captureMode === 'manual' ? { captureMode: 'manual' } : {}),
    ...(p.status === 'authorized' && p.captureBefore ? { captureBefore: p.captureBefore, authorizedAt: p.createdAt } : {}),
    ...(p.captures.length ? { amountCaptured: { value: cents(captured(p)), currency: p.amount.currency } } : {}),
    ...(p.status === 'paid' ? { paidAt: new Date().toISOString() } : {}),
    _links: {
      self: { href: `${base}/v2/payments/${p.id}`, type: 'application/hal+json' },
      ...(p.status === 'open' ? { checkout: { href: `${base}/checkout/${p.id}`, type: 'text/html' } } : {}),
      dashboard: { href: `https://my.mollie.com/dashboard/payments/${p.id}`, type: 'text/html' },
      documentation: { href: 'https://docs.mollie.com/reference/create-payment', type: 'text/html' },
    },
  });

  function createPayment(body: any, mode: 'test' | 'live'): { status: number; body: unknown } {
    const amount = body?.amount;
    if (!amount || typeof amount.value !== 'string' || typeof amount.currency !== 'string')
      return { status: 422, body: mollieError(422, 'The amount is required for payments', 'amount') };
    if (!AMOUNT.test(amount.value)) return { status: 422, body: mollieError(422, 'The amount contains an invalid value', 'amount.value') };
    if (typeof body.description !== 'string' || !body.description)
      return { status: 422, body: mollieError(422, 'The description is invalid', 'description') };
    if (typeof body.redirectUrl !== 'string') return { status: 422, body: mollieError(422, 'The redirect URL is invalid', 'redirectUrl') };
    if (body.captureMode !== undefined && body.captureMode !== 'automatic' && body.captureMode !== 'manual')
      return { status: 422, body: mollieError(422, 'The capture mode is invalid', 'captureMode') };
    const p: MolliePaymentState = {
      resource: 'payment',
      id: token('tr'),
      mode,
      createdAt: new Date().toISOString(),
      status: 'open',
      amount: { value: amount.value, currency: amount.currency },
      amountRefunded: { value: '0.00', currency: amount.currency },
      description: body.description,
      redirectUrl: body.redirectUrl,
      webhookUrl: body.webhookUrl ?? null,
      metadata: body.metadata ?? null,
      locale: body.locale ?? null,
      refunds: [],
      captureMode: body.captureMode ?? 'automatic',
      captures: [],
      captureBefore: null,
    };
    payments.set(p.id, p);
    return { status: 201, body: view(p) };
  }

  function createRefund(id: string, body: any): { status: number; body: unknown } {
    const p = payments.get(id);
    if (!p) return { status: 404, body: mollieError(404, `No payment exists with token ${id}.`) };
    if (p.status !== 'paid') return { status: 422, body: mollieError(422, 'The payment cannot be refunded') };
    if (!body?.amount || !AMOUNT.test(String(body.amount.value)) || body.amount.currency !== p.amount.currency)
      return { status: 422, body: mollieError(422, 'The amount is invalid', 'amount') };
    const refund: MollieRefundState = {
      id: token('re'),
      amount: body.amount,
      status: 'pending',
      description: String(body.description ?? ''),
      createdAt: new Date().toISOString(),
      metadata: body.metadata ?? null,
    };
    p.refunds.push(refund);
    p.amountRefunded = body.amount;
    return { status: 201, body: refundView(p, refund) };
  }

  /** A refund as GET /v2/payments/{paymentId}/refunds/{refundId} shows it (docs.mollie.com "Get payment refund"). */
  const refundView = (p: MolliePaymentState, r: MollieRefundState) => ({
    resource: 'refund',
    id: r.id,
    mode: p.mode,
    description: r.description,
    amount: r.amount,
    settlementAmount: { value: `-${r.amount.value}`, currency: r.amount.currency },
    status: r.status,
    createdAt: r.createdAt,
    metadata: r.metadata,
    paymentId: p.id,
    _links: {
      self: { href: `${base}/v2/payments/${p.id}/refunds/${r.id}`, type: 'application/hal+json' },
      payment: { href: `${base}/v2/payments/${p.id}`, type: 'application/hal+json' },
      documentation: { href: 'https://docs.mollie.com/reference/get-refund', type: 'text/html' },
    },
  });

  function getRefund(paymentId: string, refundId: string): { status: number; body: unknown } {
    const p = payments.get(paymentId);
    if (!p) return { status: 404, body: mollieError(404, `No payment exists with token ${paymentId}.`) };
    const r = p.refunds.find((x) => x.id === refundId);
    return r
      ? { status: 200, body: refundView(p, r) }
      : { status: 404, body: mollieError(404, `No refund exists with token ${refundId}.`) };
  }

  function createCapture(id: string, body: any, mode: 'test' | 'live'): { status: number; body: unknown } {
    const p = payments.get(id);
    if (!p) return { status: 404, body: mollieError(404, `No payment exists with token ${id}.`) };
    return captureFor(p, body, mode, base, token('cpt'), mollieError);
  }

  function releaseAuthorization(id: string): { status: number; body: unknown } {
    const p = payments.get(id);
    if (!p) return { status: 404, body: mollieError(404, `No payment exists with token ${id}.`) };
    return releaseFor(p, mollieError);
  }

  /** Sets the payment's status and calls its webhook like Mollie does (form body id=tr_…). */
  async function settle(id: string, status: 'paid' | 'authorized' | 'failed' | 'canceled' | 'expired'): Promise<number | null> {
    const p = payments.get(id);
    if (!p) throw new Error(`unknown payment ${id}`);
    // A manual-capture payment is authorised, never paid, by the shopper's checkout.
    if (status === 'paid' && p.captureMode === 'manual') status = 'authorized';
    if (status === 'authorized' && p.captureMode !== 'manual') throw new Error('only a manual-capture payment is authorised');
    if (status === 'authorized') p.captureBefore = new Date(Date.now() + 28 * 86_400_000).toISOString();
    p.status = status;
    return callWebhook(p);
  }

  /** Moves a refund on (queued, pending, processing, refunded, failed, canceled); Mollie then calls the payment's webhook. */
  async function settleRefund(paymentId: string, refundId: string, status: string, options = { notify: true }): Promise<number | null> {
    const p = payments.get(paymentId);
    const r = p?.refunds.find((x) => x.id === refundId);
    if (!p || !r) throw new Error(`unknown refund ${paymentId}/${refundId}`);
    r.status = status;
    if (status === 'failed' || status === 'canceled') p.amountRefunded = { value: '0.00', currency: p.amount.currency };
    return options.notify ? callWebhook(p) : null;
  }

  async function callWebhook(p: MolliePaymentState): Promise<number | null> {
    const id = p.id;
    if (!p.webhookUrl) return null;
    const form = new URLSearchParams({ id }).toString();
    const status = await postWebhook(p.webhookUrl, form);
    webhookCalls.push({ url: p.webhookUrl, body: form, status });
    return status;
  }

  const checkoutPage = (p: MolliePaymentState) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mollie test checkout</title></head>
<body><main><h1>Test payment</h1><p>${p.description}: ${p.amount.currency} ${p.amount.value}</p>
<form method="post" action="/checkout/${p.id}">
<button name="status" value="paid">Paid</button>
<button name="status" value="failed">Failed</button>
<button name="status" value="canceled">Canceled</button>
<button name="status" value="expired">Expired</button>
</form></main></body></html>`;

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', base);
    const checkout = /^\/checkout\/(tr_\w+)$/.exec(url.pathname);
    if (checkout) {
      const p = payments.get(checkout[1] as string);
      if (!p) return send(res, 404, mollieError(404, 'No such checkout'));
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(checkoutPage(p));
      }
      const status = new URLSearchParams(raw).get('status') as 'paid' | 'failed';
      await settle(p.id, status);
      res.writeHead(303, { location: p.redirectUrl });
      return res.end();
    }
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return send(res, 400, mollieError(400, 'The request body is not valid JSON'));
    }
    requests.push({ method: req.method ?? '', path: url.pathname + url.search, headers: req.headers, body });
    const next = scripted.shift();
    if (next === 'hang') return; // never answers; closed when the server stops
    if (next) return send(res, next.status, next.body ?? mollieError(next.status, 'Scripted failure'), next.headers);
    const key = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!key || !keys.has(key)) return send(res, 401, mollieError(401, 'Missing authentication, or failed to authenticate'));
    const mode = key.startsWith('live_') ? 'live' : 'test';

    const idemKey = req.headers['idempotency-key'];
    const replay = req.method === 'POST' && typeof idemKey === 'string' ? idempotent.get(`${key}:${idemKey}`) : undefined;
    if (replay) return send(res, replay.status, replay.body);

    let result: { status: number; body: unknown };
    const payment = /^\/v2\/payments\/(\w+)$/.exec(url.pathname);
    const refunds = /^\/v2\/payments\/(\w+)\/refunds$/.exec(url.pathname);
    const refund = /^\/v2\/payments\/(\w+)\/refunds\/(\w+)$/.exec(url.pathname);
    const captures = /^\/v2\/payments\/(\w+)\/captures$/.exec(url.pathname);
    const release = /^\/v2\/payments\/(\w+)\/release-authorization$/.exec(url.pathname);
    if (req.method === 'GET' && url.pathname === '/v2/methods') {
      result = {
        status: 200,
        body: {
          count: 1,
          _embedded: { methods: [{ resource: 'method', id: 'ideal', description: 'iDEAL', status: 'activated' }] },
          _links: { self: { href: `${base}/v2/methods`, type: 'application/hal+json' } },
        },
      };
    } else if (req.method === 'POST' && url.pathname === '/v2/payments') {
      result = createPayment(body, mode);
    } else if (req.method === 'GET' && payment) {
      const p = payments.get(payment[1] as string);
      result = p ? { status: 200, body: view(p) } : { status: 404, body: mollieError(404, `No payment exists with token ${payment[1]}.`) };
    } else if (req.method === 'POST' && refunds) {
      result = createRefund(refunds[1] as string, body);
    } else if (req.method === 'GET' && refund) {
      result = getRefund(refund[1] as string, refund[2] as string);
    } else if (req.method === 'POST' && captures) {
      result = createCapture(captures[1] as string, body, mode);
    } else if (req.method === 'POST' && release) {
      result = releaseAuthorization(release[1] as string);
    } else {
      result = { status: 404, body: mollieError(404, 'The resource does not exist') };
    }
    if (req.method === 'POST' && typeof idemKey === 'string' && result.status < 500) idempotent.set(`${key}:${idemKey}`, result);
    if (result.body === null) {
      res.writeHead(result.status);
      return res.end();
    }
    send(res, result.status, result.body);
  }

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      handle(req, res, raw).catch((error) => send(res, 500, mollieError(500, String(error))));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** The API root to give Retour (RETOUR_MOLLIE_API_URL / ctx.providers.mollieApiUrl). */
    apiUrl: `${base}/v2/`,
    origin: base,
    requests,
    payments,
    webhookCalls,
    /** The next API requests answer these, in order (before authentication, like a proxy in front). */
    script(...responses: Scripted[]) {
      scripted.push(...responses);
    },
    /** Moves a payment to a final status without calling the webhook (tests call it themselves). */
    setStatus(id: string, status: string) {
      const p = payments.get(id);
      if (!p) throw new Error(`unknown payment ${id}`);
      p.status = status;
    },
    settle,
    settleRefund,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
