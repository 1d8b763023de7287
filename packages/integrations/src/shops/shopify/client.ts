// Shopify Admin GraphQL client: client-credentials tokens (cached by the caller, refreshed before
// expiry and once on a 401), 429 / THROTTLED retries with bounded backoff, a timeout per request.
import { type ProviderEndpoints, requestSignal } from '../../endpoints.ts';
import { SHOPIFY_API_VERSION } from './documents.ts';
import { ShopifyError } from './errors.ts';
import { parseRetryAfterMs } from '../../retry-after.ts';

export type ShopifyToken = { accessToken: string; expiresAt: string; scope?: string };

export interface ShopifyClientOptions {
  shopDomain: string;
  clientId: string;
  clientSecret: string;
  endpoints: ProviderEndpoints;
  now: () => Date;
  /** A token obtained before (from the sealed credentials). */
  token?: ShopifyToken | null;
  /** Called with every new token so the caller can keep it. */
  onToken?: (token: ShopifyToken) => Promise<void> | void;
  /** Attempts for a throttled request (429 or THROTTLED), default 4. */
  maxAttempts?: number;
}

/** A token this close to its expiry is replaced before use. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const MAX_WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type GraphQLError = { message: string; extensions?: { code?: string } };

export class ShopifyClient {
  private token: ShopifyToken | null;
  private readonly options: ShopifyClientOptions;

  constructor(options: ShopifyClientOptions) {
    this.options = options;
    this.token = options.token ?? null;
  }

  get origin(): string {
    return this.options.endpoints.shopifyOrigin(this.options.shopDomain).replace(/\/$/, '');
  }

  get graphqlUrl(): string {
    return `${this.origin}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
  }

  /** A valid access token, requested with the client-credentials grant when missing or expiring. */
  async accessToken(force = false): Promise<string> {
    const now = this.options.now().getTime();
    if (!force && this.token && Date.parse(this.token.expiresAt) - REFRESH_MARGIN_MS > now) return this.token.accessToken;
    const res = await this.send(`${this.origin}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
      }),
    });
    const body = (await readJson(res)) as { access_token?: string; scope?: string; expires_in?: number; error?: string } | null;
    if (res.status >= 500)
      throw new ShopifyError('unavailable', `Shopify answered ${res.status} to the token request.`, { status: res.status });
    if (!res.ok || !body?.access_token) {
      throw new ShopifyError('credentials', `Shopify refused the client id and secret (${body?.error ?? `HTTP ${res.status}`}).`, {
        status: res.status,
      });
    }
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 86_399;
    this.token = {
      accessToken: body.access_token,
      expiresAt: new Date(now + expiresIn * 1000).toISOString(),
      ...(body.scope ? { scope: body.scope } : {}),
    };
    await this.options.onToken?.(this.token);
    return this.token.accessToken;
  }

  /** Runs one query or mutation and returns its `data`; GraphQL errors throw. */
  async request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 4;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken();
      const res = await this.send(this.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-shopify-access-token': token },
        body: JSON.stringify({ query, variables }),
      });
      if (res.status === 401 && !refreshed) {
        await res.body?.cancel();
        refreshed = true;
        await this.accessToken(true);
        attempt--;
        continue;
      }
      if (res.status === 429) {
        await res.body?.cancel();
        if (attempt >= maxAttempts)
          throw new ShopifyError('unavailable', 'Shopify kept rate-limiting the requests (429).', { status: 429 });
        await sleep(retryAfterMs(res.headers.get('retry-after'), attempt));
        continue;
      }
      const body = (await readJson(res)) as { data?: T; errors?: GraphQLError[] | string } | null;
      if (res.status === 401 || res.status === 403) {
        throw new ShopifyError('credentials', `Shopify refused the access token (HTTP ${res.status}).`, { status: res.status });
      }
      if (res.status >= 500 || body === null) {
        throw new ShopifyError('unavailable', `Shopify answered HTTP ${res.status} without usable data.`, { status: res.status });
      }
      const errors = typeof body.errors === 'string' ? [{ message: body.errors }] : (body.errors ?? []);
      if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
        if (attempt >= maxAttempts) throw new ShopifyError('unavailable', 'Shopify kept throttling the requests (THROTTLED).');
        await sleep(backoffMs(attempt));
        continue;
      }
      if (!res.ok || errors.length > 0 || !body.data) {
        const message = errors.map((e) => e.message).join('; ') || `HTTP ${res.status}`;
        throw new ShopifyError('rejected', `Shopify refused the request: ${message}`, { status: res.status });
      }
      return body.data;
    }
  }

  /** fetch with the per-request timeout; network failures and timeouts become `unavailable`. */
  async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: requestSignal(this.options.endpoints) });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new ShopifyError(
        'unavailable',
        timedOut
          ? `Shopify did not answer within ${this.options.endpoints.timeoutMs} ms.`
          : `Shopify could not be reached: ${(error as Error).message}`,
      );
    }
  }
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

function backoffMs(attempt: number): number {
  return Math.min(MAX_WAIT_MS, 250 * 2 ** (attempt - 1));
}

/** Retry-After in seconds (Shopify sends "2.0"); bounded so a job never sleeps for long. */
function retryAfterMs(header: string | null, attempt: number): number {
  const wait = parseRetryAfterMs(header, Date.now());
  return wait !== null ? Math.min(MAX_WAIT_MS, wait) : backoffMs(attempt);
}
