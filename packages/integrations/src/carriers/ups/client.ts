// UPS REST client: OAuth client credentials and one `call()` for every UPS API we use.
// References (repository UPS-API/api-documentation):
// - OAuthClientCredentials.yaml: POST /security/v1/oauth/token, HTTP Basic client_id:client_secret,
//   form body grant_type=client_credentials, optional x-merchant-id (the account number); answer
//   `{ access_token, expires_in (seconds, as a string), … }`; errors `{ response: { errors: [{ code, message }] } }`
//   with 400/401/403 (blocked merchant)/429.
// - Shipping.yaml, Tracking.yaml, Locator.yaml, Pickup.yaml: `Authorization: Bearer <token>`, headers
//   `transId` (unique per request, 32 characters) and `transactionSrc`; the same error body on 4xx.
// A 401 on an API call is retried once with a fresh token (tokens expire; UPSTrackAlert.yaml lists
// 250002 "Invalid authentication information" and 251004 "Bearer Token expired" for all APIs).
import { createHash, randomUUID } from 'node:crypto';
import { parseRetryAfterMs } from '../../retry-after.ts';
import { type AdapterOptions, CarrierError, type CarrierCredentials } from '../adapter.ts';
import { type UpsErrorBody, upsError } from './errors.ts';

export const UPS_TRANSACTION_SRC = 'retour';
/** Renew a token this long before UPS says it expires. */
const TOKEN_MARGIN_MS = 60_000;
/**
 * Tokens by account (hash of host, client id and secret), in memory only: the server builds an adapter
 * on each use, and UPS tokens last hours, so one sign-in serves many calls.
 */
const TOKENS = new Map<string, { token: string; expiresAt: number }>();

export interface UpsCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** What the request is about, for messages ("booking the return label"). */
  what: string;
}

export interface UpsResult<T> {
  status: number;
  body: T;
}

export interface UpsClient {
  readonly accountNumber: string;
  /** A bearer token; `fresh` signs in even when a cached token is still valid (to test the credentials). */
  token(fresh?: boolean): Promise<string>;
  /** Answers 2xx bodies; 4xx answers are returned too when `accept` lists their status. */
  call<T>(request: UpsCall, accept?: readonly number[]): Promise<UpsResult<T>>;
}

function authFailed(credentials: CarrierCredentials['ups'], detail: string, status: number): CarrierError {
  return new CarrierError(
    'carrier_auth_failed',
    `UPS refused the credentials of account ${credentials.accountNumber} (${detail}). Create a new client ID and secret for your app on developer.ups.com and reconnect the UPS account with them.`,
    { status, said: detail },
  );
}

export function createUpsClient(credentials: CarrierCredentials['ups'], options: AdapterOptions): UpsClient {
  const doFetch = options.fetch ?? fetch;
  const root = options.baseUrl.replace(/\/+$/, '');
  const key = createHash('sha256').update(`${root}\n${credentials.clientId}\n${credentials.clientSecret}`).digest('hex');

  async function send(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await doFetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new CarrierError(
        'carrier_unavailable',
        timedOut ? `UPS did not answer within ${options.timeoutMs / 1000} s while ${what}.` : `UPS could not be reached while ${what}.`,
      );
    }
  }

  async function readJson(res: Response): Promise<unknown> {
    const text = await res.text();
    if (text === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  function unavailable(res: Response, what: string, body: unknown): CarrierError {
    const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), Date.now());
    const message = firstMessage(body) ?? `HTTP ${res.status}`;
    return new CarrierError(
      'carrier_unavailable',
      res.status === 429
        ? `UPS is rate limiting our requests while ${what}; try again later.`
        : `UPS is unavailable while ${what} (${message}).`,
      { status: res.status, ...(retryAfterMs === null ? {} : { retryAfterMs }) },
    );
  }

  async function token(fresh = false): Promise<string> {
    const cached = TOKENS.get(key);
    if (!fresh && cached && cached.expiresAt - TOKEN_MARGIN_MS > Date.now()) return cached.token;
    TOKENS.delete(key);
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`, 'utf8').toString('base64');
    const res = await send(
      `${root}/security/v1/oauth/token`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'x-merchant-id': credentials.accountNumber,
        },
        body: 'grant_type=client_credentials',
      },
      'signing in',
    );
    const body = await readJson(res);
    if (res.status === 401 || res.status === 403 || res.status === 400) {
      throw authFailed(credentials, firstMessage(body) ?? `HTTP ${res.status}`, res.status);
    }
    if (!res.ok) throw unavailable(res, 'signing in', body);
    const answer = body as { access_token?: unknown; expires_in?: unknown } | null;
    if (typeof answer?.access_token !== 'string' || answer.access_token === '') {
      throw new CarrierError('carrier_unavailable', 'UPS answered the sign-in without an access token.');
    }
    const seconds = Number(answer.expires_in);
    TOKENS.set(key, {
      token: answer.access_token,
      expiresAt: Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 3_600_000),
    });
    return answer.access_token;
  }

  async function call<T>(request: UpsCall, accept: readonly number[] = []): Promise<UpsResult<T>> {
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
    for (let attempt = 1; ; attempt++) {
      const bearer = await token();
      const headers: Record<string, string> = {
        authorization: `Bearer ${bearer}`,
        accept: 'application/json',
        transId: randomUUID().replace(/-/g, ''),
        transactionSrc: UPS_TRANSACTION_SRC,
        ...request.headers,
      };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      const res = await send(
        `${root}${request.path}${query}`,
        { method: request.method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) },
        request.what,
      );
      const body = await readJson(res);
      if (res.ok) {
        if (body === null)
          throw new CarrierError('carrier_unavailable', `UPS answered with something that is not JSON while ${request.what}.`);
        return { status: res.status, body: body as T };
      }
      if (res.status === 401 && attempt === 1) {
        TOKENS.delete(key); // expired or revoked token: sign in again once
        continue;
      }
      if (res.status === 401 || res.status === 403) throw authFailed(credentials, firstMessage(body) ?? `HTTP ${res.status}`, res.status);
      if (res.status === 429 || res.status >= 500) throw unavailable(res, request.what, body);
      if (accept.includes(res.status)) return { status: res.status, body: body as T };
      throw upsError(res.status, body as UpsErrorBody | null, request.what);
    }
  }

  return { accountNumber: credentials.accountNumber, token, call };
}

export function firstMessage(body: unknown): string | null {
  const errors = (body as UpsErrorBody | null)?.response?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  return errors
    .map((e) => [e.code, e.message].filter((part) => typeof part === 'string' && part !== '').join(': '))
    .filter((line) => line !== '')
    .join('; ');
}
