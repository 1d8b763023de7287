// WooCommerce REST API v3 client: `{siteUrl}/wp-json/wc/v3/`, HTTP Basic with the consumer key
// and secret, over HTTPS only (over plain HTTP WooCommerce expects OAuth 1.0a signatures, and
// Basic would send the secret in clear). Each request has a timeout; 429 is retried after its
// Retry-After (bounded), 5xx and network failures of reads a couple of times. Writes are not
// retried on 5xx: the shop may have applied them (a refund must never be posted twice).
import type { WooProduct, WooVariation } from './products.ts';
import type { WooCoupon, WooOrder, WooRefund, WooWebhook } from './types.ts';
import { requestSignal } from '../../endpoints.ts';
import { parseRetryAfterMs } from '../../retry-after.ts';

export type WooClientOptions = {
  siteUrl: string;
  consumerKey: string;
  consumerSecret: string;
  timeoutMs: number;
  allowInsecureHttp: boolean;
  /** A background job's signal: calls stop when it aborts. */
  signal?: AbortSignal | undefined;
  /** Waits between retries (tests may shorten it); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
};

/**
 * Why a call failed: `unauthorized` (401/403: keys wrong, revoked or read-only), `rejected` (other
 * 4xx: WooCommerce refused the request, e.g. a refund above what is left), `unavailable` (5xx,
 * network, still rate-limited after retries), `timeout`.
 */
export type WooFailure = 'unauthorized' | 'rejected' | 'not_found' | 'unavailable' | 'timeout';

export class WooError extends Error {
  readonly failure: WooFailure;
  readonly status: number | null;
  /** WooCommerce's own error code, e.g. `woocommerce_rest_cannot_view`. */
  readonly wooCode: string | null;

  constructor(failure: WooFailure, message: string, status: number | null, wooCode: string | null) {
    super(message);
    this.failure = failure;
    this.status = status;
    this.wooCode = wooCode;
  }
}

export type WooResponse<T> = { status: number; headers: Headers; data: T };

const MAX_ATTEMPTS = 3;
const MAX_RETRY_AFTER_MS = 10_000;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Checks and normalises a site URL: https (or http when allowed), no query or fragment, no trailing slash. */
export function normaliseSiteUrl(raw: string, allowInsecureHttp: boolean): { ok: true; url: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: 'Use the address of the shop, e.g. https://shop.example.com.' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowInsecureHttp)) {
    return {
      ok: false,
      message: 'Use an https:// address: WooCommerce keys may only be sent over HTTPS. Enable HTTPS on the shop first.',
    };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { ok: false, message: 'Use the plain shop address, without user name, query or fragment.' };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** Retry-After, 1 s when absent; bounded so a job never sleeps past its time limit. */
function retryAfterMs(header: string | null, now: number): number {
  return Math.min(MAX_RETRY_AFTER_MS, parseRetryAfterMs(header, now) ?? 1000);
}

/** WooCommerce errors look like `{ code, message, data: { status } }`. */
async function errorOf(res: Response): Promise<WooError> {
  const text = await res.text().catch(() => '');
  let code: string | null = null;
  let message = '';
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string') message = body.message.replace(/<[^>]*>/g, '').slice(0, 300);
  } catch {
    // not JSON (a proxy's HTML page): the status says enough
  }
  const said = message ? `WooCommerce answered ${res.status}: ${message}` : `WooCommerce answered ${res.status}.`;
  if (res.status === 401 || res.status === 403) return new WooError('unauthorized', said, res.status, code);
  if (res.status === 404) return new WooError('not_found', said, res.status, code);
  if (res.status >= 400 && res.status < 500 && res.status !== 429) return new WooError('rejected', said, res.status, code);
  return new WooError('unavailable', said, res.status, code);
}

export class WooClient {
  private readonly base: string;
  private readonly authorization: string;
  private readonly sleep: (ms: number) => Promise<void>;

  private readonly options: WooClientOptions;

  constructor(options: WooClientOptions) {
    this.options = options;
    const site = normaliseSiteUrl(options.siteUrl, options.allowInsecureHttp);
    if (!site.ok) throw new WooError('rejected', site.message, null, null);
    this.base = `${site.url}/wp-json/wc/v3/`;
    this.authorization = `Basic ${Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64')}`;
    this.sleep = options.sleep ?? defaultSleep;
  }

  async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    opts: { query?: Record<string, string | number>; body?: unknown } = {},
  ): Promise<WooResponse<T>> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [key, value] of Object.entries(opts.query ?? {})) url.searchParams.set(key, String(value));
    const read = method === 'GET';
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= MAX_ATTEMPTS;
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            authorization: this.authorization,
            accept: 'application/json',
            ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
          signal: requestSignal(this.options),
          redirect: 'error',
        });
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new WooError('timeout', `WooCommerce did not answer within ${this.options.timeoutMs / 1000} s.`, null, null);
        }
        if (read && !last) {
          await this.sleep(250 * attempt);
          continue;
        }
        const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
        throw new WooError('unavailable', `The shop could not be reached${cause}.`, null, null);
      }
      if (res.ok) {
        const text = await res.text();
        return { status: res.status, headers: res.headers, data: (text ? JSON.parse(text) : null) as T };
      }
      if (res.status === 429 && !last) {
        await res.body?.cancel();
        await this.sleep(retryAfterMs(res.headers.get('retry-after'), Date.now()));
        continue;
      }
      if (res.status >= 500 && read && !last) {
        await res.body?.cancel();
        await this.sleep(250 * attempt);
        continue;
      }
      throw await errorOf(res);
    }
  }

  /** One page of orders, oldest id first, with WooCommerce's totals (X-WP-Total / X-WP-TotalPages). */
  async listOrders(page: number, perPage: number): Promise<{ orders: WooOrder[]; total: number | null; totalPages: number | null }> {
    const res = await this.request<WooOrder[]>('GET', 'orders', { query: { per_page: perPage, page, orderby: 'id', order: 'asc' } });
    const count = (name: string) => {
      const value = Number(res.headers.get(name));
      return res.headers.has(name) && Number.isInteger(value) ? value : null;
    };
    return { orders: Array.isArray(res.data) ? res.data : [], total: count('x-wp-total'), totalPages: count('x-wp-totalpages') };
  }

  /** A cheap authenticated read: proves the keys work and may read orders. */
  async verify(): Promise<void> {
    await this.request('GET', 'orders', { query: { per_page: 1 } });
  }

  async createWebhook(hook: { name: string; topic: string; deliveryUrl: string; secret: string }): Promise<WooWebhook> {
    const res = await this.request<WooWebhook>('POST', 'webhooks', {
      body: { name: hook.name, topic: hook.topic, delivery_url: hook.deliveryUrl, secret: hook.secret, status: 'active' },
    });
    return res.data;
  }

  async deleteWebhook(id: number): Promise<void> {
    await this.request('DELETE', `webhooks/${id}`, { query: { force: 'true' } });
  }

  async listRefunds(orderId: string): Promise<WooRefund[]> {
    const res = await this.request<WooRefund[]>('GET', `orders/${encodeURIComponent(orderId)}/refunds`, { query: { per_page: 100 } });
    return Array.isArray(res.data) ? res.data : [];
  }

  async createRefund(orderId: string, body: Record<string, unknown>): Promise<WooRefund> {
    const res = await this.request<WooRefund>('POST', `orders/${encodeURIComponent(orderId)}/refunds`, { body });
    return res.data;
  }

  /** Coupons with exactly this code (WooCommerce's `code` filter; codes are case-insensitive there). */
  async findCoupons(code: string): Promise<WooCoupon[]> {
    const res = await this.request<WooCoupon[]>('GET', 'coupons', { query: { code, per_page: 10 } });
    return Array.isArray(res.data) ? res.data : [];
  }

  async createCoupon(body: Record<string, unknown>): Promise<WooCoupon> {
    const res = await this.request<WooCoupon>('POST', 'coupons', { body });
    return res.data;
  }

  /** Orders whose parent is `parentId` (WooCommerce's `parent` filter), newest first. */
  async listChildOrders(parentId: string): Promise<WooOrder[]> {
    const res = await this.request<WooOrder[]>('GET', 'orders', { query: { parent: parentId, per_page: 100 } });
    return Array.isArray(res.data) ? res.data : [];
  }

  async createOrder(body: Record<string, unknown>): Promise<WooOrder> {
    const res = await this.request<WooOrder>('POST', 'orders', { body });
    return res.data;
  }

  /** One page of published products (oldest id first) with WooCommerce's totals. */
  async listProducts(page: number, perPage: number): Promise<{ products: WooProduct[]; totalPages: number | null }> {
    const res = await this.request<WooProduct[]>('GET', 'products', {
      query: { per_page: perPage, page, orderby: 'id', order: 'asc', status: 'publish' },
    });
    const pages = Number(res.headers.get('x-wp-totalpages'));
    return {
      products: Array.isArray(res.data) ? res.data : [],
      totalPages: res.headers.has('x-wp-totalpages') && Number.isInteger(pages) ? pages : null,
    };
  }

  async getProduct(id: number): Promise<WooProduct> {
    return (await this.request<WooProduct>('GET', `products/${id}`)).data;
  }

  /** Every variation of a variable product (all pages of 100). */
  async listVariations(productId: number): Promise<WooVariation[]> {
    const all: WooVariation[] = [];
    for (let page = 1; ; page++) {
      const res = await this.request<WooVariation[]>('GET', `products/${productId}/variations`, { query: { per_page: 100, page } });
      const rows = Array.isArray(res.data) ? res.data : [];
      all.push(...rows);
      const pages = Number(res.headers.get('x-wp-totalpages'));
      if (rows.length < 100 || (Number.isInteger(pages) && page >= pages)) return all;
    }
  }

  /** The shop's currency (Settings → General: `woocommerce_currency`). */
  async shopCurrency(): Promise<string> {
    const res = await this.request<{ id?: string; value?: unknown }>('GET', 'settings/general/woocommerce_currency');
    return String(res.data?.value ?? '');
  }
}
