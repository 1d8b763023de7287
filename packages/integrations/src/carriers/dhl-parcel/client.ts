// DHL Parcel NL/BE API gateway (https://api-gw.dhlparcel.nl): JSON over HTTPS, a JWT from
// `POST /authenticate/api-key` ({userId, key} → {accessToken, accessTokenExpiration, refreshToken,
// refreshTokenExpiration, accountNumbers}) sent as `Authorization: Bearer`, renewed with
// `POST /authenticate/refresh-token` ({refreshToken}) before it expires, and once more after a 401.
// Errors are JSON `{ message }`. Followed: DHL's own `dhlparcel/plugin-magento2-release`
// (Model/Api/Connector.php: api-key auth, 401 → re-authenticate and retry once, accountNumbers),
// `dhlparcel/dhl-api-wrapper` (src/Dhl/resources/generated/apiKey.php, refreshToken.php; which
// paths need the token: Middleware/AuthMiddleware.php), `shipcore-nl/dhlparcel-api-php`
// (src/Api.php, Entity/Authenticate/Response/Token.php: expirations in epoch seconds, 30 s margin),
// `mvdnbrk/dhlparcel-php-api` (src/Exceptions/DhlParcelException.php: error body `message`).
import { createHash } from 'node:crypto';
import { parseRetryAfterMs } from '../../retry-after.ts';
import { CarrierError } from '../adapter.ts';

type Token = {
  accessToken: string;
  accessTokenExpiration: number;
  refreshToken: string | null;
  refreshTokenExpiration: number;
  accountNumbers: string[];
};

export type DhlClientOptions = {
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof fetch;
  userId: string;
  key: string;
  /** Epoch milliseconds; defaults to Date.now. */
  now?: () => number;
};

export type DhlResponse = { status: number; headers: Headers; bytes: Uint8Array; json: unknown };

/** Seconds before expiry at which a token counts as expired (clock skew, request time). */
const EXPIRY_MARGIN_S = 30;

/**
 * Tokens per (gateway, user id, key): the server builds a fresh adapter on each use, so the cache
 * lives beside the client rather than in it. A changed key is a different entry.
 */
const tokenCache = new Map<string, Token>();

export function clearDhlTokenCache(): void {
  tokenCache.clear();
}

const RECONNECT =
  'Reconnect the DHL Parcel account with a valid user id and API key from My DHL Parcel (my.dhlparcel.nl / my.dhlparcel.be).';

/** The `message` of a DHL error body, or the status when the body is not JSON. */
export function dhlMessage(status: number, json: unknown, text: string): string {
  if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message.slice(0, 500);
  }
  return text.trim() ? text.trim().slice(0, 200) : `HTTP ${status}`;
}

export class DhlParcelClient {
  private readonly root: string;
  private readonly cacheKey: string;
  private readonly now: () => number;

  private readonly options: DhlClientOptions;

  constructor(options: DhlClientOptions) {
    this.options = options;
    this.root = options.baseUrl.replace(/\/+$/, '');
    this.cacheKey = createHash('sha256').update(`${this.root}\n${options.userId}\n${options.key}`).digest('hex');
    this.now = options.now ?? Date.now;
  }

  /** Signs in with the API key (never from the cache); the answer lists the account numbers the key may book on. */
  async authenticate(): Promise<Token> {
    const res = await this.send('POST', '/authenticate/api-key', { userId: this.options.userId.trim(), key: this.options.key.trim() });
    if (res.status === 401 || res.status === 403 || res.status === 400 || res.status === 404) {
      throw new CarrierError(
        'carrier_auth_failed',
        `DHL Parcel refused user id ${this.options.userId}: ${dhlMessage(res.status, res.json, '')}. ${RECONNECT}`,
        { status: res.status, said: dhlMessage(res.status, res.json, '') },
      );
    }
    this.throwUnlessOk(res);
    const token = this.readToken(res.json);
    tokenCache.set(this.cacheKey, token);
    return token;
  }

  /** A valid access token: cached, refreshed with the refresh token, or a new sign-in. */
  async token(): Promise<Token> {
    const nowS = this.now() / 1000;
    const cached = tokenCache.get(this.cacheKey);
    if (cached && cached.accessTokenExpiration - EXPIRY_MARGIN_S > nowS) return cached;
    if (cached?.refreshToken && cached.refreshTokenExpiration - EXPIRY_MARGIN_S > nowS) {
      const refreshed = await this.refresh(cached.refreshToken);
      if (refreshed) return refreshed;
    }
    return this.authenticate();
  }

  private async refresh(refreshToken: string): Promise<Token | null> {
    const res = await this.send('POST', '/authenticate/refresh-token', { refreshToken });
    if (res.status === 400 || res.status === 401 || res.status === 403) return null;
    this.throwUnlessOk(res);
    const token = this.readToken(res.json);
    tokenCache.set(this.cacheKey, token);
    return token;
  }

  /**
   * A call with the Bearer token. A 401 forgets the token, renews it once and repeats the call;
   * a second 401 (or 403) means the account cannot do this: `carrier_auth_failed`.
   */
  async authed(method: 'GET' | 'POST', path: string, body?: unknown, accept = 'application/json'): Promise<DhlResponse> {
    let token = await this.token();
    let res = await this.send(method, path, body, accept, token.accessToken);
    if (res.status === 401) {
      const stale = tokenCache.get(this.cacheKey);
      if (stale?.accessToken === token.accessToken) tokenCache.set(this.cacheKey, { ...stale, accessTokenExpiration: 0 });
      token = await this.token();
      res = await this.send(method, path, body, accept, token.accessToken);
    }
    if (res.status === 401 || res.status === 403) {
      throw new CarrierError(
        'carrier_auth_failed',
        `DHL Parcel refused ${method} ${path.split('?')[0]} for user id ${this.options.userId}: ${dhlMessage(res.status, res.json, '')}. ${RECONNECT}`,
        { status: res.status, said: dhlMessage(res.status, res.json, '') },
      );
    }
    return res;
  }

  /** A call without a token (parcel shop finder, track & trace are open on the gateway). */
  open(path: string): Promise<DhlResponse> {
    return this.send('GET', path);
  }

  /** 429 and 5xx: retryable `carrier_unavailable` with the Retry-After when given. */
  throwUnlessOk(res: DhlResponse): void {
    if (res.status >= 200 && res.status < 300) return;
    const message = dhlMessage(res.status, res.json, new TextDecoder().decode(res.bytes));
    if (res.status === 429 || res.status >= 500) {
      const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), this.now());
      throw new CarrierError('carrier_unavailable', `DHL Parcel answered ${res.status}: ${message}`, {
        status: res.status,
        ...(retryAfterMs !== null ? { retryAfterMs } : {}),
      });
    }
    throw new CarrierError('carrier_rejected', message, { status: res.status });
  }

  private readToken(json: unknown): Token {
    const body = (json ?? {}) as Record<string, unknown>;
    if (typeof body.accessToken !== 'string' || !body.accessToken) {
      throw new CarrierError('carrier_unavailable', 'DHL Parcel answered the sign-in without an access token.');
    }
    const nowS = Math.floor(this.now() / 1000);
    const number = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
    return {
      accessToken: body.accessToken,
      accessTokenExpiration: number(body.accessTokenExpiration, nowS + 60),
      refreshToken: typeof body.refreshToken === 'string' ? body.refreshToken : null,
      refreshTokenExpiration: number(body.refreshTokenExpiration, 0),
      accountNumbers: Array.isArray(body.accountNumbers) ? body.accountNumbers.map(String) : [],
    };
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    accept = 'application/json',
    bearer?: string,
  ): Promise<DhlResponse> {
    const headers: Record<string, string> = { accept };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let res: Response;
    let bytes: Uint8Array;
    try {
      res = await this.options.fetch(`${this.root}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new CarrierError(
        'carrier_unavailable',
        timedOut
          ? `DHL Parcel did not answer within ${this.options.timeoutMs} ms.`
          : `DHL Parcel could not be reached: ${(error as Error).message}`,
      );
    }
    let json: unknown = null;
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      try {
        json = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        json = null;
      }
    }
    return { status: res.status, headers: res.headers, bytes, json };
  }
}
