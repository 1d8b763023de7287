/**
 * Signed, expiring deep links (issue #15 item 4) the shop puts in its emails and account pages:
 * `<portal url>?order=…&exp=<unix seconds>[&email=…][&gift=1]&sig=<hex HMAC-SHA256 of the sorted
 * query>` with the portal's link secret. Pure functions: the clock is passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

// ── Deep links ─────────────────────────────────────────────────────────────────────
/** The query parameters a deep link must carry (besides `sig`); others are signed along. */
export const DEEP_LINK_REQUIRED = ['order', 'exp'] as const;
/** A shop may sign links valid for at most this long. */
export const DEEP_LINK_MAX_LIFETIME_DAYS = 366;

const encode = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The signed text: every parameter but `sig`, sorted by name (then value, by UTF-16 code units),
 * each as `name=value` percent-encoded per RFC 3986 (unreserved characters kept), joined by `&`.
 */
export function canonicalLinkQuery(params: readonly (readonly [string, string])[]): string {
  return params
    .filter(([k]) => k !== 'sig')
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort((a, b) => byCodeUnits(a[0], b[0]) || byCodeUnits(a[1], b[1]))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** The hex HMAC-SHA256 of the canonical query with the portal's link secret. */
export function deepLinkSignature(secret: string, params: readonly (readonly [string, string])[]): string {
  return createHmac('sha256', secret).update(canonicalLinkQuery(params), 'utf8').digest('hex');
}

/** `params` plus their `sig`, as a query string (without `?`) in canonical order. */
export function signDeepLink(secret: string, params: readonly (readonly [string, string])[]): string {
  return `${canonicalLinkQuery(params)}&sig=${deepLinkSignature(secret, params)}`;
}

export type DeepLinkCheck =
  | { ok: true; orderNumber: string; email: string | null; gift: boolean; expiresAt: Date }
  | { ok: false; why: 'malformed' | 'bad_signature' | 'expired' };

/**
 * Checks a deep link's query string. `malformed` and `bad_signature` must look alike to the
 * shopper (a miss); `expired` is only reported for a correctly signed link, so it reveals nothing
 * the link did not already say.
 */
export function checkDeepLink(secret: string, query: string, now: Date): DeepLinkCheck {
  const params = [...new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)];
  const names = params.map(([k]) => k);
  if (new Set(names).size !== names.length) return { ok: false, why: 'malformed' };
  const get = (k: string) => params.find(([n]) => n === k)?.[1];
  const sig = get('sig');
  const order = get('order');
  const exp = get('exp');
  if (!sig || !/^[0-9a-f]{64}$/.test(sig) || !order || !exp || !/^\d{1,12}$/.test(exp)) return { ok: false, why: 'malformed' };
  const expected = Buffer.from(deepLinkSignature(secret, params), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return { ok: false, why: 'bad_signature' };
  const expiresAt = new Date(Number(exp) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, why: 'expired' };
  return { ok: true, orderNumber: order, email: get('email') ?? null, gift: get('gift') === '1', expiresAt };
}
