// The holds part of the local Mollie (support/mollie-server.ts names the references): "Create
// capture" (POST /v2/payments/{id}/captures: only an authorised payment, at most what remains
// authorised; capturing all of it makes the payment paid) and "Release payment authorization"
// (POST /v2/payments/{id}/release-authorization: 202 with no body; canceled without captures, else paid).

export type MollieCaptureState = { id: string; amount: { value: string; currency: string }; description: string; createdAt: string };
type Result = { status: number; body: unknown };
/** The parts of the server's payment state a capture or release reads and changes. */
type HeldPayment = { id: string; status: string; amount: { value: string; currency: string }; captures: MollieCaptureState[] };
/** The server's error body (Mollie's shape). */
type ErrorBody = (status: number, detail: string, field?: string) => unknown;

const AMOUNT = /^\d+\.\d{2}$/;
export const toCents = (value: string) => Math.round(Number(value) * 100);
export const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
export const captured = (p: HeldPayment) => p.captures.reduce((sum, c) => sum + toCents(c.amount.value), 0);

/** "Create capture": only an authorised payment, at most what remains; the rest stays authorised. */
export function captureFor(p: HeldPayment, body: any, mode: 'test' | 'live', base: string, id: string, mollieError: ErrorBody): Result {
  if (p.status !== 'authorized') return { status: 422, body: mollieError(422, 'The payment cannot be captured') };
  const remaining = toCents(p.amount.value) - captured(p);
  let amount = remaining;
  if (body?.amount !== undefined) {
    if (!AMOUNT.test(String(body.amount?.value)) || body.amount.currency !== p.amount.currency)
      return { status: 422, body: mollieError(422, 'The amount is invalid', 'amount') };
    amount = toCents(body.amount.value);
    if (amount <= 0 || amount > remaining)
      return { status: 422, body: mollieError(422, 'The amount is higher than the amount that can be captured', 'amount') };
  }
  const capture: MollieCaptureState = {
    id,
    amount: { value: cents(amount), currency: p.amount.currency },
    description: String(body?.description ?? ''),
    createdAt: new Date().toISOString(),
  };
  p.captures.push(capture);
  if (captured(p) === toCents(p.amount.value)) p.status = 'paid';
  return {
    status: 201,
    body: {
      resource: 'capture',
      id: capture.id,
      mode,
      description: capture.description,
      amount: capture.amount,
      status: 'succeeded',
      metadata: null,
      paymentId: p.id,
      createdAt: capture.createdAt,
      _links: {
        self: { href: `${base}/v2/payments/${p.id}/captures/${capture.id}`, type: 'application/hal+json' },
        payment: { href: `${base}/v2/payments/${p.id}`, type: 'application/hal+json' },
        documentation: { href: 'https://docs.mollie.com/reference/create-capture', type: 'text/html' },
      },
    },
  };
}

/** "Release payment authorization": 202; canceled without captures, paid with one. */
export function releaseFor(p: HeldPayment, mollieError: ErrorBody): Result {
  if (p.status !== 'authorized') return { status: 422, body: mollieError(422, 'The payment authorization cannot be released') };
  p.status = p.captures.length ? 'paid' : 'canceled';
  return { status: 202, body: null };
}
