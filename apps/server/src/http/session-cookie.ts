// The back-office session cookie: a random 32-byte value (only its SHA-256 is stored), HttpOnly,
// SameSite=Strict, 12 hours, and Secure unless the public URL is plain http on a non-local host.
import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'retour_session';
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Secure, except for plain http on a host other than localhost (browsers accept Secure there). */
export function cookieIsSecure(publicUrl: string): boolean {
  try {
    const url = new URL(publicUrl);
    return url.protocol !== 'http:' || LOCAL_HOSTS.has(url.hostname);
  } catch {
    return true;
  }
}

export function sessionCookie(value: string, publicUrl: string): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${SESSION_TTL_SECONDS}`];
  if (cookieIsSecure(publicUrl)) parts.push('Secure');
  return parts.join('; ');
}

export function clearedSessionCookie(publicUrl: string): string {
  const parts = [`${SESSION_COOKIE}=`, 'HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=0'];
  if (cookieIsSecure(publicUrl)) parts.push('Secure');
  return parts.join('; ');
}

/** The session cookie's value from the Cookie header, if any. */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}
