// Hashing of stored secrets, signed short-lived tokens, and random codes.
import { createHash, createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export function randomCode(length: number, alphabet = BASE62): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
  }
  return out.length === length ? out : randomCode(length, alphabet);
}

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `rtr_${randomCode(40)}`;
  return { key, prefix: key.slice(0, 12), hash: sha256(key) };
}

export function newAccessCode(): { code: string; hash: string } {
  const code = randomCode(24);
  return { code, hash: sha256(code) };
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// One HMAC key object per secret, imported once instead of on every token signed or verified
// (issue #12: the portal lookup signs a token per hit).
const hmacKeys = new WeakMap<Buffer, KeyObject>();
function hmacKey(secret: Buffer): KeyObject {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = createSecretKey(secret);
    hmacKeys.set(secret, key);
  }
  return key;
}

/** A compact HMAC-signed token: base64url(JSON payload) + "." + base64url(signature). */
export function signToken(secret: Buffer, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = createHmac('sha256', hmacKey(secret)).update(body).digest('base64url');
  return `${body}.${sig}`;
}

export function verifyToken(secret: Buffer, token: string): Record<string, unknown> | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = createHmac('sha256', hmacKey(secret)).update(body).digest('base64url');
  if (!safeEqual(sig, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null ? payload : null;
  } catch {
    return null;
  }
}
