// Sendcloud API v3 over plain fetch (https://panel.sendcloud.sc/api/v3): HTTP Basic with the
// account's public key as user and secret key as password, a timeout per request, JSON in and out
// (documents come back as bytes). Every failure becomes a CarrierError:
// 401/403 → carrier_auth_failed, 400/422 naming an address field → carrier_rejected_address,
// other 4xx → carrier_rejected, 5xx/429/timeout/network → carrier_unavailable (Retry-After kept).
// Sendcloud answers errors in three published shapes (all read here):
//   JSON:API  `{ errors: [{ status, code, detail, source: { pointer | parameter } }] }` (most v3 APIs)
//   Returns   `{ errors: [{ field, code, message }] }` (POST /returns, /returns/validate, 409 on cancel)
//   Returns   `{ error: { code, request, message } }` (POST /returns/announce-synchronously)
import { parseRetryAfterMs } from '../../retry-after.ts';
import { CarrierError } from '../adapter.ts';

export type SendcloudClientOptions = {
  baseUrl: string;
  publicKey: string;
  secretKey: string;
  timeoutMs: number;
  fetch?: typeof fetch;
};

/** One error of any of the three shapes, flattened. */
export type SendcloudErrorItem = { code: string | null; message: string; field: string | null };

export class SendcloudHttpError extends CarrierError {
  readonly items: SendcloudErrorItem[];

  constructor(
    code: ConstructorParameters<typeof CarrierError>[0],
    message: string,
    opts: ConstructorParameters<typeof CarrierError>[2],
    items: SendcloudErrorItem[],
  ) {
    super(code, message, opts);
    this.items = items;
  }
}

export type SendcloudClient = {
  json<T>(method: 'GET' | 'POST' | 'PATCH', path: string, opts?: { query?: Query; body?: unknown }): Promise<T>;
  bytes(path: string, opts: { query?: Query; accept: string }): Promise<{ bytes: Uint8Array; mimeType: string }>;
};

type Query = Record<string, string | number | boolean | readonly (string | number)[] | undefined | null>;

const ADDRESS_FIELDS: Record<string, string> = {
  name: 'name',
  company_name: 'name',
  address_line_1: 'street',
  address_line_2: 'street',
  house_number: 'houseNumber',
  postal_code: 'postalCode',
  city: 'city',
  country_code: 'country',
  state_province_code: 'country',
  phone_number: 'phone',
  email: 'email',
};

/**
 * Our field name (`from.postalCode`) for a Sendcloud field path, pointer or message: `from_address`
 * is the shopper (sender of the return), `to_address` the merchant's return address.
 */
export function addressFieldOf(item: SendcloudErrorItem): string | null {
  const haystacks = [item.field ?? '', item.message];
  for (const text of haystacks) {
    const match = /(from|to)_address(?:[./[\]"']+|\s*→\s*|\s+)([a-z_0-9]+)/.exec(text);
    if (match?.[1] && match[2] && ADDRESS_FIELDS[match[2]]) return `${match[1]}.${ADDRESS_FIELDS[match[2]]}`;
    const side = /(from|to)_address/.exec(text);
    if (side?.[1]) return `${side[1]}.street`;
  }
  // `invalid_postal_code` and friends without a path: the shopper's address is the one checked.
  const code = item.code ?? '';
  const byCode = /^invalid_(postal_code|house_number|city|country_code|phone_number|email|address_line_1|name)$/.exec(code);
  if (byCode?.[1]) return `from.${ADDRESS_FIELDS[byCode[1]]}`;
  return null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
}

/** Flattens any of Sendcloud's error shapes. */
export function errorItems(body: unknown): SendcloudErrorItem[] {
  if (!body || typeof body !== 'object') return [];
  const record = body as Record<string, unknown>;
  if (record.error && typeof record.error === 'object') {
    const error = record.error as Record<string, unknown>;
    return [{ code: str(error.code), message: str(error.message) ?? str(error.code) ?? '', field: null }];
  }
  if (Array.isArray(record.errors)) {
    return record.errors.map((raw) => {
      const error = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
      const source = (error.source && typeof error.source === 'object' ? error.source : {}) as Record<string, unknown>;
      const pointer = str(source.pointer) ?? str(source.parameter);
      const field = str(error.field) ?? (pointer ? pointer.replace(/^\//, '').replaceAll('/', '.') : null);
      const message = str(error.detail) ?? str(error.message) ?? str(error.title) ?? str(error.code) ?? '';
      return { code: str(error.code), message: field && !message.includes(field) ? `${field}: ${message}` : message, field };
    });
  }
  if (typeof record.detail === 'string') return [{ code: null, message: record.detail, field: null }];
  return [];
}

function failure(status: number, body: unknown, retryAfter: string | null, publicKey: string): SendcloudHttpError {
  const items = errorItems(body);
  const said =
    items
      .map((item) => item.message)
      .filter(Boolean)
      .join('; ') || `HTTP ${status}`;
  if (status === 401 || status === 403) {
    return new SendcloudHttpError(
      'carrier_auth_failed',
      `Sendcloud refused the API keys with public key ending in …${publicKey.slice(-4)} (${said}). Reconnect the Sendcloud account with a new public and secret key (Sendcloud → Settings → Integrations → Sendcloud API).`,
      { status, said },
      items,
    );
  }
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfterMs(retryAfter, Date.now());
    return new SendcloudHttpError(
      'carrier_unavailable',
      status === 429 ? `Sendcloud is rate limiting our requests (${said}).` : `Sendcloud is unavailable (${said}).`,
      { status, ...(retryAfterMs !== null ? { retryAfterMs } : {}) },
      items,
    );
  }
  if (status === 400 || status === 422) {
    for (const item of items) {
      const field = addressFieldOf(item);
      if (field) return new SendcloudHttpError('carrier_rejected_address', item.message || said, { status, field }, items);
    }
  }
  return new SendcloudHttpError('carrier_rejected', `Sendcloud refused the request: ${said}`, { status }, items);
}

export function createSendcloudClient(options: SendcloudClientOptions): SendcloudClient {
  const root = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const authorization = `Basic ${Buffer.from(`${options.publicKey}:${options.secretKey}`).toString('base64')}`;
  const doFetch = options.fetch ?? fetch;

  function url(path: string, query: Query = {}): URL {
    const target = new URL(path.replace(/^\//, ''), root);
    // Pagination links (`next`) are absolute: follow them only on the account's own host.
    if (target.origin !== new URL(root).origin)
      throw new SendcloudHttpError('carrier_unavailable', 'Sendcloud answered with a link to another host.', {}, []);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const item of value) target.searchParams.append(key, String(item));
      else target.searchParams.set(key, String(value));
    }
    return target;
  }

  async function send(method: string, target: URL, headers: Record<string, string>, body?: unknown): Promise<Response> {
    try {
      return await doFetch(target, {
        method,
        headers: { authorization, ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const message =
        name === 'TimeoutError' || name === 'AbortError'
          ? `Sendcloud did not answer within ${options.timeoutMs / 1000} s.`
          : 'Sendcloud could not be reached.';
      throw new SendcloudHttpError('carrier_unavailable', message, {}, []);
    }
  }

  async function readFailure(res: Response): Promise<SendcloudHttpError> {
    const text = await res.text().catch(() => '');
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // a proxy's HTML page: the status says enough
    }
    return failure(res.status, body, res.headers.get('retry-after'), options.publicKey);
  }

  return {
    async json<T>(method: 'GET' | 'POST' | 'PATCH', path: string, opts: { query?: Query; body?: unknown } = {}): Promise<T> {
      const res = await send(method, url(path, opts.query), { accept: 'application/json' }, opts.body);
      if (!res.ok) throw await readFailure(res);
      const text = await res.text();
      try {
        return (text ? JSON.parse(text) : null) as T;
      } catch {
        throw new SendcloudHttpError(
          'carrier_unavailable',
          'Sendcloud answered with something that is not JSON.',
          { status: res.status },
          [],
        );
      }
    },
    async bytes(path: string, opts: { query?: Query; accept: string }) {
      const res = await send('GET', url(path, opts.query), { accept: opts.accept });
      if (!res.ok) throw await readFailure(res);
      const mimeType = (res.headers.get('content-type') ?? opts.accept).split(';')[0]?.trim() || opts.accept;
      return { bytes: new Uint8Array(await res.arrayBuffer()), mimeType };
    },
  };
}
