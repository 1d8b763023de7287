// HTTP to PostNL's Send & Track APIs (api.postnl.nl): the `apikey` header on every call, JSON both
// ways, a timeout per request, and PostNL's error bodies turned into CarrierErrors. The shapes
// follow PostNL's published OpenAPI as generated into sdks-io/postnl-ecommerce-apis-js-sdk
// (src/errors/*.ts, doc/models/*-error.md):
//   401 {message, http_status_code}                      (API gateway: key missing, wrong or revoked)
//   429 {message, http_status_code}                      (rate limit)
//   400 Labelling {Errors:[{Error, Code, Description}]}
//   400 Barcode   {errors:[{ErrorMsg, ErrorNumber}]}
//   400 Locations {RequestId, Date, Error:{ErrorCode, ErrorDescription}}
//   400/500 ShippingStatus and others {fault:{faultstring, detail:{errorcode}}}
import { parseRetryAfterMs } from '../../retry-after.ts';
import { CarrierError } from '../adapter.ts';
import { addressFieldOf } from './address.ts';

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export interface PostnlClient {
  get<T>(path: string, query: Query): Promise<T>;
  post<T>(path: string, query: Query, body: unknown): Promise<T>;
}

type ErrorBody = {
  message?: string;
  Errors?: { Error?: string; Code?: string; Description?: string }[];
  errors?: { ErrorMsg?: string; ErrorNumber?: string }[];
  Error?: { ErrorCode?: string; ErrorDescription?: string };
  fault?: { faultstring?: string; detail?: { errorcode?: string } };
};

/** Every message PostNL put in an error body, whichever of its shapes it used. */
export function postnlMessages(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const b = body as ErrorBody;
  const out: string[] = [];
  for (const e of b.Errors ?? []) out.push([e.Description ?? e.Error, e.Code && `(code ${e.Code})`].filter(Boolean).join(' '));
  for (const e of b.errors ?? []) out.push([e.ErrorMsg, e.ErrorNumber && `(code ${e.ErrorNumber})`].filter(Boolean).join(' '));
  if (b.Error?.ErrorDescription) out.push(`${b.Error.ErrorDescription}${b.Error.ErrorCode ? ` (code ${b.Error.ErrorCode})` : ''}`);
  if (b.fault?.faultstring) out.push(b.fault.faultstring);
  if (typeof b.message === 'string') out.push(b.message);
  return out.filter((m) => m.trim() !== '');
}

/** The CarrierError for a PostNL answer that was not 2xx. */
export function errorFor(status: number, body: unknown, retryAfter: string | null, account = 'this PostNL account'): CarrierError {
  const messages = postnlMessages(body);
  const message = messages.join('; ') || `HTTP ${status}`;
  if (status === 401 || status === 403) {
    return new CarrierError(
      'carrier_auth_failed',
      `PostNL refused the API key of ${account} (${message}). Reconnect the account with a valid API key from the PostNL developer portal.`,
      { status, said: message },
    );
  }
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfterMs(retryAfter, Date.now());
    return new CarrierError('carrier_unavailable', `PostNL is unavailable (${message}); try again later.`, {
      status,
      ...(retryAfterMs === null ? {} : { retryAfterMs }),
    });
  }
  if (status === 400 || status === 422) {
    for (const m of messages) {
      const field = addressFieldOf(m);
      if (field) return new CarrierError('carrier_rejected_address', m, { field, status });
    }
  }
  return new CarrierError('carrier_rejected', message, { status });
}

export function createPostnlClient(
  apiKey: string,
  options: { baseUrl: string; timeoutMs: number; fetch?: typeof fetch },
  /** Named in error messages, so staff see which account needs new credentials. */
  account?: string,
): PostnlClient {
  const root = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  async function call<T>(method: 'GET' | 'POST', path: string, query: Query, body?: unknown): Promise<T> {
    const url = new URL(root + path);
    for (const [key, value] of Object.entries(query)) {
      if (value === null || value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, v);
      else url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { apikey: apiKey, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new CarrierError(
        'carrier_unavailable',
        timedOut
          ? `PostNL did not answer within ${options.timeoutMs / 1000} s; try again later.`
          : 'PostNL could not be reached; try again later.',
      );
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) throw errorFor(res.status, parsed, res.headers.get('retry-after'), account);
    if (parsed === null || typeof parsed !== 'object') {
      throw new CarrierError('carrier_unavailable', 'PostNL answered with something that is not JSON; try again later.', {
        status: res.status,
      });
    }
    return parsed as T;
  }

  return {
    get: (path, query) => call('GET', path, query),
    post: (path, query, body) => call('POST', path, query, body),
  };
}
