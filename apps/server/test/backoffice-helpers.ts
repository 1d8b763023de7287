// Helpers shared by the back-office tests (not a test file itself): merchants with a known owner
// login, and signed-in sessions that call the API with the cookie and the CSRF token.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createMerchant } from '../src/use-cases/create-merchant.ts';
import type { Harness, Merchant } from './support/harness.ts';

export const PASSWORD = 'correct horse battery';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A merchant (as newMerchant gives) whose owner's email and password are known. */
export async function merchantWithOwner(h: Harness, name = 'Shop'): Promise<Merchant & { email: string; password: string }> {
  const email = `owner-${Math.random().toString(36).slice(2)}@example.com`;
  const created = await createMerchant(h.ctx, { name, email, password: PASSWORD });
  const call = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    h.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { authorization: `Bearer ${created.apiKey}`, ...headers },
    });
  return { id: created.merchant.id, apiKey: created.apiKey, call, email, password: PASSWORD };
}

export function login(h: Harness, email: string, password: string, remoteAddress = '127.0.0.1') {
  return h.app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress });
}

/** The cookie value from a Set-Cookie header. */
export function cookieOf(res: LightMyRequestResponse): string {
  const header = String(res.headers['set-cookie'] ?? '');
  const match = /retour_session=([^;]*)/.exec(header);
  if (!match?.[1]) throw new Error(`no session cookie in ${header}`);
  return match[1];
}

export type Browser = Awaited<ReturnType<typeof signIn>>;

/** Signs in and returns a caller that sends the cookie (and the CSRF token unless told not to). */
export async function signIn(h: Harness, email: string, password = PASSWORD) {
  const res = await login(h, email, password);
  expect(res.statusCode, res.body).toBe(200);
  const token = cookieOf(res);
  const body = res.json() as { csrfToken: string; user: { id: string; role: string; language: string | null }; merchant: { id: string } };
  const call = (
    method: Method,
    url: string,
    payload?: unknown,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ) => {
    const csrf = options.csrf === undefined ? body.csrfToken : options.csrf;
    return h.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { cookie: `retour_session=${token}`, ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(options.headers ?? {}) },
    });
  };
  return { token, csrfToken: body.csrfToken, user: body.user, merchant: body.merchant, call };
}

/** Adds a user through the API (as the owner) and signs them in. */
export async function addUser(h: Harness, owner: Browser, role: 'owner' | 'staff') {
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.com`;
  const res = await owner.call('POST', '/api/v1/users', { email, role });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json() as { id: string; password: string };
  return { id: created.id, email, browser: await signIn(h, email, created.password) };
}
