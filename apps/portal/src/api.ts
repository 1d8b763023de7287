// Calls to the public portal API. Every failure becomes an ApiError with the server's stable code
// (or network_error when the server could not be reached), never a bare exception.
import type { ErrorBody } from '@retour/contracts/common';
import type { ExchangeOptions, ExchangeQuote } from '@retour/contracts/catalogue';
import type { PublicPortal } from '@retour/contracts/portal';
import type { Checkout } from '@retour/contracts/payments';
import type { LookupBody, LookupResult, PortalReturnBody, ReturnView } from '@retour/contracts/returns';
import type { ServicePointView } from '@retour/contracts/service-points';
import type { UploadedPhoto } from '@retour/contracts/photos';
import { currentLanguage } from './i18n.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
    /** Seconds until a rate limit lifts (details.retryAfterSeconds, else the Retry-After header). */
    readonly retryAfter: number | null,
  ) {
    super(message);
  }
}

type Options = { method?: 'GET' | 'POST'; body?: unknown; token?: string; idempotencyKey?: string; query?: Record<string, string> };

async function call<T>(path: string, options: Options = {}): Promise<T> {
  const lang = currentLanguage();
  const query = new URLSearchParams({ ...options.query, lang });
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`/api/portal/${path}?${query}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network_error', '', {}, null);
  }
  if (response.ok) return (await response.json()) as T;
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = null;
  }
  const details = body?.error.details ?? {};
  const fromDetails = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : null;
  const fromHeader = Number(response.headers.get('retry-after'));
  const code = body?.error.code ?? (response.status >= 500 ? 'internal_error' : 'network_error');
  return Promise.reject(
    new ApiError(response.status, code, body?.error.message ?? '', details, fromDetails ?? (fromHeader > 0 ? fromHeader : null)),
  );
}

const slugPath = (slug: string) => encodeURIComponent(slug);

export const api = {
  portal: (slug: string) => call<PublicPortal>(slugPath(slug)),
  lookup: (slug: string, body: LookupBody) => call<LookupResult>(`${slugPath(slug)}/lookup`, { method: 'POST', body }),
  lookupLink: (slug: string, query: string) => call<LookupResult>(`${slugPath(slug)}/lookup/link`, { method: 'POST', body: { query } }),
  createReturn: (slug: string, token: string, body: PortalReturnBody, idempotencyKey: string) =>
    call<ReturnView>(`${slugPath(slug)}/returns`, { method: 'POST', body, token, idempotencyKey }),
  getReturn: (slug: string, id: string, access: string) =>
    call<ReturnView>(`${slugPath(slug)}/returns/${encodeURIComponent(id)}`, { query: { access } }),
  pay: (slug: string, id: string, access: string) =>
    call<Checkout>(`${slugPath(slug)}/returns/${encodeURIComponent(id)}/payments`, { method: 'POST', query: { access } }),
  exchangeOptions: (slug: string, token: string, query: { item: string; quantity: string; q?: string }) =>
    call<ExchangeOptions>(`${slugPath(slug)}/exchange-options`, { token, query }),
  exchangeQuote: (slug: string, token: string, body: unknown) =>
    call<ExchangeQuote>(`${slugPath(slug)}/exchange-quote`, { method: 'POST', token, body }),
  servicePoints: (slug: string, query: { carrier: string; country: string; postalCode: string }) =>
    call<{ data: ServicePointView[] }>(`${slugPath(slug)}/service-points`, { query: { ...query, limit: '5' } }),
};

/** Sends one photo file as it is (the server checks its content and makes a JPEG of it). */
async function sendPhoto(slug: string, token: string, orderItemId: string, file: Blob): Promise<UploadedPhoto> {
  const query = new URLSearchParams({ orderItemId, lang: currentLanguage() });
  let response: Response;
  try {
    response = await fetch(`/api/portal/${slugPath(slug)}/photos?${query}`, {
      method: 'POST',
      headers: { accept: 'application/json', authorization: `Bearer ${token}`, 'content-type': file.type || 'application/octet-stream' },
      body: file,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network_error', '', {}, null);
  }
  if (response.ok) return (await response.json()) as UploadedPhoto;
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  const code =
    body?.error.code ?? (response.status === 413 ? 'payload_too_large' : response.status >= 500 ? 'internal_error' : 'network_error');
  throw new ApiError(response.status, code, body?.error.message ?? '', body?.error.details ?? {}, null);
}

export const photos = {
  upload: sendPhoto,
  remove: async (slug: string, token: string, id: string): Promise<void> => {
    await fetch(`/api/portal/${slugPath(slug)}/photos/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
      credentials: 'omit',
    }).catch(() => undefined);
  },
};

/** Download and image addresses of a return; the access code is the only personal part. */
export function documentUrl(slug: string, id: string, access: string, doc: 'label' | 'qr' | 'customs', format?: string): string {
  const query = new URLSearchParams({ access, lang: currentLanguage(), ...(format ? { format } : {}) });
  return `/api/portal/${slugPath(slug)}/returns/${encodeURIComponent(id)}/${doc}?${query}`;
}

/** A photo the shopper sent with the return, shown on its status page (the access code opens it). */
export function shopperPhotoUrl(slug: string, id: string, access: string, photoId: string): string {
  const query = new URLSearchParams({ access });
  return `/api/portal/${slugPath(slug)}/returns/${encodeURIComponent(id)}/photos/${encodeURIComponent(photoId)}?${query}`;
}

export function withdrawalFormUrl(slug: string): string {
  return `/api/portal/${slugPath(slug)}/withdrawal-form?lang=${currentLanguage()}`;
}

export function statusPageUrl(slug: string, id: string, access: string): string {
  const query = new URLSearchParams({ access, lang: currentLanguage() });
  if (document.documentElement.classList.contains('embed')) query.set('embed', '1');
  return `/r/${slugPath(slug)}/returns/${encodeURIComponent(id)}?${query}`;
}
