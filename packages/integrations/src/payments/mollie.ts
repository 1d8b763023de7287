// Mollie Payments API v2 (docs.mollie.com): create payment (optionally `captureMode: "manual"`, an
// authorisation only: docs.mollie.com/docs/place-a-hold-for-a-payment), get payment, create and get
// refund, create capture (POST /v2/payments/{id}/captures) and release an authorisation (POST
// /v2/payments/{id}/release-authorization, 202), and a list of methods to prove a key works. Plain fetch rather than @mollie/api-client: that client
// pins its own CA bundle and an https agent (so it cannot talk to a local server, which is how
// this adapter is tested), has no request timeout, and does not retry 429. Here: Bearer key,
// JSON bodies with amounts as strings in the currency's decimals, Idempotency-Key on creates, a
// timeout per request, and 429 retried after Retry-After (a few seconds at most).
import { formatMoneyValue, parseMoneyValue } from '@retour/domain/money';
import { type ProviderEndpoints, requestSignal } from '../endpoints.ts';
import { parseRetryAfterMs } from '../retry-after.ts';
import {
  type CreateCaptureInput,
  type CreatePaymentInput,
  type CreateRefundInput,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderCapture,
  type ProviderPayment,
  type ProviderPaymentStatus,
  type ProviderRefund,
} from './port.ts';

const LOCALES: Record<string, string> = { en: 'en_US', nl: 'nl_NL', fr: 'fr_FR', de: 'de_DE', it: 'it_IT' };
const STATUSES: readonly ProviderPaymentStatus[] = ['open', 'pending', 'authorized', 'paid', 'failed', 'canceled', 'expired'];
const MAX_ATTEMPTS = 3;
const MAX_RETRY_AFTER_S = 5;

type MollieAmount = { value: string; currency: string };
type MolliePayment = {
  id: string;
  status: string;
  amount: MollieAmount;
  metadata?: unknown;
  captureBefore?: string;
  _links?: { checkout?: { href?: string } };
};
type MollieRefund = { id: string; status: string; amount: MollieAmount };
type MollieCapture = { id: string; status: string; amount: MollieAmount };
/** Mollie's error body (application/hal+json). */
type MollieError = { status?: number; title?: string; detail?: string; field?: string };

export const mollieMode = (apiKey: string): 'test' | 'live' => (apiKey.startsWith('live_') ? 'live' : 'test');

const toMollieAmount = (minor: number, currency: string): MollieAmount => ({ currency, value: formatMoneyValue(minor, currency) });

function fromMollieAmount(amount: MollieAmount | undefined): { amount: number; currency: string } {
  const minor = amount ? parseMoneyValue(amount.value, amount.currency) : null;
  if (!amount || minor === null) throw new PaymentProviderError('unavailable', 'Mollie answered with an amount we cannot read.');
  return { amount: minor, currency: amount.currency };
}

function toPayment(body: MolliePayment): ProviderPayment {
  if (typeof body?.id !== 'string' || !STATUSES.includes(body.status as ProviderPaymentStatus)) {
    throw new PaymentProviderError('unavailable', 'Mollie answered with a payment we cannot read.');
  }
  const metadata = body.metadata && typeof body.metadata === 'object' ? (body.metadata as Record<string, unknown>) : null;
  return {
    id: body.id,
    status: body.status as ProviderPaymentStatus,
    ...fromMollieAmount(body.amount),
    checkoutUrl: body._links?.checkout?.href ?? null,
    metadata,
    captureBefore: typeof body.captureBefore === 'string' ? body.captureBefore : null,
  };
}

function toCapture(body: MollieCapture): ProviderCapture {
  if (typeof body?.id !== 'string' || typeof body.status !== 'string') {
    throw new PaymentProviderError('unavailable', 'Mollie answered with a capture we cannot read.');
  }
  return { id: body.id, status: body.status, ...fromMollieAmount(body.amount) };
}

function toRefund(body: MollieRefund): ProviderRefund {
  if (typeof body?.id !== 'string' || typeof body.status !== 'string') {
    throw new PaymentProviderError('unavailable', 'Mollie answered with a refund we cannot read.');
  }
  return { id: body.id, status: body.status, ...fromMollieAmount(body.amount) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createMollieProvider(
  apiKey: string,
  endpoints: Pick<ProviderEndpoints, 'mollieApiUrl' | 'timeoutMs' | 'signal'>,
): PaymentProvider {
  const root = endpoints.mollieApiUrl.endsWith('/') ? endpoints.mollieApiUrl : `${endpoints.mollieApiUrl}/`;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept: 'application/hal+json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(new URL(path, root), {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: requestSignal(endpoints),
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw new PaymentProviderError(
          'unavailable',
          timedOut ? `Mollie did not answer within ${endpoints.timeoutMs / 1000} s.` : 'Mollie could not be reached.',
        );
      }
      if (res.status === 429) {
        const header = res.headers.get('retry-after');
        const wait = header === null ? 1000 : parseRetryAfterMs(header, Date.now());
        await res.body?.cancel();
        if (attempt < MAX_ATTEMPTS && wait !== null && wait <= MAX_RETRY_AFTER_S * 1000) {
          await sleep(wait);
          continue;
        }
        throw new PaymentProviderError('unavailable', 'Mollie is rate limiting our requests; try again in a minute.', 429);
      }
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        if (res.ok) throw new PaymentProviderError('unavailable', 'Mollie answered with something that is not JSON.', res.status);
      }
      if (res.ok) return { status: res.status, body: parsed as T };
      const err = (parsed ?? {}) as MollieError;
      const detail = err.detail ?? err.title ?? `HTTP ${res.status}`;
      if (res.status === 401 || res.status === 403) {
        throw new PaymentProviderError('credentials', `Mollie refused the API key: ${detail}`, res.status);
      }
      if (res.status >= 400 && res.status < 500) {
        throw new PaymentProviderError('rejected', `Mollie refused the request: ${detail}`, res.status, err.field ?? null);
      }
      throw new PaymentProviderError('unavailable', `Mollie is unavailable (${detail}).`, res.status);
    }
  }

  return {
    async verifyCredentials() {
      await call('GET', 'methods');
    },
    async createPayment(input: CreatePaymentInput) {
      const { body } = await call<MolliePayment>(
        'POST',
        'payments',
        {
          amount: toMollieAmount(input.amount, input.currency),
          description: input.description.slice(0, 255),
          redirectUrl: input.redirectUrl,
          webhookUrl: input.webhookUrl,
          metadata: input.metadata,
          locale: LOCALES[input.language] ?? 'en_US',
          ...(input.captureMode ? { captureMode: input.captureMode } : {}),
        },
        input.idempotencyKey,
      );
      return toPayment(body);
    },
    async getPayment(id: string) {
      try {
        const { body } = await call<MolliePayment>('GET', `payments/${encodeURIComponent(id)}`);
        return toPayment(body);
      } catch (error) {
        if (error instanceof PaymentProviderError && error.status === 404) return null;
        throw error;
      }
    },
    async createRefund(paymentId: string, input: CreateRefundInput): Promise<ProviderRefund> {
      const { body } = await call<MollieRefund>(
        'POST',
        `payments/${encodeURIComponent(paymentId)}/refunds`,
        { amount: toMollieAmount(input.amount, input.currency), description: input.description.slice(0, 255) },
        input.idempotencyKey,
      );
      return toRefund(body);
    },
    async createCapture(paymentId: string, input: CreateCaptureInput): Promise<ProviderCapture> {
      const { body } = await call<MollieCapture>(
        'POST',
        `payments/${encodeURIComponent(paymentId)}/captures`,
        { amount: toMollieAmount(input.amount, input.currency), description: input.description.slice(0, 255) },
        input.idempotencyKey,
      );
      return toCapture(body);
    },
    async releaseAuthorization(paymentId: string): Promise<void> {
      await call('POST', `payments/${encodeURIComponent(paymentId)}/release-authorization`, {});
    },
    async getRefund(paymentId: string, refundId: string): Promise<ProviderRefund | null> {
      try {
        const { body } = await call<MollieRefund>(
          'GET',
          `payments/${encodeURIComponent(paymentId)}/refunds/${encodeURIComponent(refundId)}`,
        );
        return toRefund(body);
      } catch (error) {
        if (error instanceof PaymentProviderError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
