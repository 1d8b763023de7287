// Back-office sessions (api.md "Web": /admin with secure, httpOnly, SameSite cookies; CSRF-safe):
// sign-in, the cookie, CSRF on changes, sign-out, password change, expiry and the login limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { cookieIsSecure, sessionCookie } from '../src/http/session-cookie.ts';
import { addUser, cookieOf, login, merchantWithOwner, PASSWORD, signIn } from './backoffice-helpers.ts';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe('POST /api/session', () => {
  it('signs in with email and password and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const m = await merchantWithOwner(h, 'Login Shop');
    const res = await login(h, m.email.toUpperCase(), PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body.user).toEqual({ id: expect.stringMatching(/^usr_/), email: m.email, name: null, role: 'owner', language: null });
    expect(body.merchant).toEqual({ id: m.id, name: 'Login Shop' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = String(res.headers['set-cookie']);
    const parts = cookie.split(';').map((p) => p.trim());
    expect(parts[0]).toMatch(/^retour_session=[A-Za-z0-9_-]{43}$/);
    expect(parts).toContain('HttpOnly');
    expect(parts).toContain('SameSite=Strict');
    expect(parts).toContain('Path=/');
    expect(parts).toContain('Max-Age=43200');
    // The harness's PUBLIC_URL is http://retour.test: plain http on a real host, so no Secure.
    expect(parts).not.toContain('Secure');
    expect(res.headers['cache-control']).toBe('no-store');
    // The cookie value is not stored, only its hash.
    const stored = await h.ctx.db.selectFrom('sessions').selectAll().where('merchantId', '=', m.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toBe(cookieOf(res));
    expect(stored[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const m = await merchantWithOwner(h);
    const wrong = await login(h, m.email, 'not the password', '10.0.0.1');
    const unknown = await login(h, 'nobody@example.com', PASSWORD, '10.0.0.1');
    const a = expectError(wrong, 401, 'invalid_credentials');
    const b = expectError(unknown, 401, 'invalid_credentials');
    expect(a).toEqual(b);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('refuses with 429 and Retry-After after 10 failures for one email, whatever the address', async () => {
    const m = await merchantWithOwner(h);
    for (let i = 0; i < 10; i++) expectError(await login(h, m.email, `wrong-${i}`, `10.1.0.${i}`), 401, 'invalid_credentials');
    const blocked = await login(h, m.email, PASSWORD, '10.1.1.1');
    const error = expectError(blocked, 429, 'too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(error.details?.retryAfterSeconds).toBe(Number(blocked.headers['retry-after']));
    // After the window the right password works again.
    h.clock.advance(15 * 60_000 + 1000);
    expect((await login(h, m.email, PASSWORD, '10.1.1.1')).statusCode).toBe(200);
  });

  it('refuses with 429 after 10 failures from one address, whatever the email', async () => {
    const m = await merchantWithOwner(h);
    for (let i = 0; i < 10; i++) await login(h, `nobody-${i}@example.com`, 'x', '10.2.0.1');
    expectError(await login(h, m.email, PASSWORD, '10.2.0.1'), 429, 'too_many_attempts');
    expect((await login(h, m.email, PASSWORD, '10.2.0.2')).statusCode).toBe(200);
    h.clock.advance(15 * 60_000 + 1000);
  });

  it('validates the body', async () => {
    expectIssue(await h.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'a@b.c' } }), ['password']);
  });
});

describe('the Secure attribute', () => {
  it('is set when PUBLIC_URL is https', async () => {
    const app = await buildApp({ ...h.ctx, publicUrl: 'https://returns.shop.example' });
    try {
      const m = await merchantWithOwner(h);
      const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email: m.email, password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      const parts = String(res.headers['set-cookie']).split('; ');
      expect(parts).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Secure']));
    } finally {
      await app.close();
    }
  });

  it.each([
    ['https://returns.shop.example', true],
    ['http://localhost:3000', true],
    ['http://127.0.0.1:3000', true],
    ['http://retour.test', false],
    ['http://192.168.1.20:3000', false],
  ])('%s → Secure %s', (url, secure) => {
    expect(cookieIsSecure(url)).toBe(secure);
    expect(sessionCookie('abc', url).split('; ').includes('Secure')).toBe(secure);
  });
});

describe('GET /api/session and the merchant API with the cookie', () => {
  it('tells who is signed in; 401 without a cookie or with an unknown one', async () => {
    const m = await merchantWithOwner(h);
    const b = await signIn(h, m.email);
    const me = await b.call('GET', '/api/session');
    expect(me.statusCode, me.body).toBe(200);
    expect(json(me)).toEqual({ user: b.user, merchant: b.merchant, csrfToken: b.csrfToken });
    expectError(await h.app.inject({ method: 'GET', url: '/api/session' }), 401, 'unauthorized');
    expectError(
      await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `retour_session=${'x'.repeat(43)}` } }),
      401,
      'unauthorized',
    );
  });

  it('reads /api/v1/returns with the session, scoped to its merchant', async () => {
    const m = await merchantWithOwner(h);
    const b = await signIn(h, m.email);
    const res = await b.call('GET', '/api/v1/returns');
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ data: [], nextCursor: null });
    expectError(await h.app.inject({ method: 'GET', url: '/api/v1/returns' }), 401, 'invalid_api_key');
  });

  it('stays inside its own merchant', async () => {
    const mine = await merchantWithOwner(h);
    const theirs = await merchantWithOwner(h);
    const brand = json(await theirs.call('POST', '/api/v1/brands', { name: 'Theirs' }));
    const b = await signIn(h, mine.email);
    expectError(await b.call('GET', `/api/v1/brands/${brand.id}`), 404, 'not_found');
    expectError(await b.call('PATCH', `/api/v1/brands/${brand.id}`, { name: 'Mine now' }), 404, 'brand_not_found');
    expect(json(await b.call('GET', '/api/v1/brands')).data).toEqual([]);
    expect(json(await theirs.call('GET', `/api/v1/brands/${brand.id}`)).name).toBe('Theirs');
  });

  it('needs the CSRF token on every change made with the cookie', async () => {
    const m = await merchantWithOwner(h);
    const b = await signIn(h, m.email);
    expectError(await b.call('POST', '/api/v1/brands', { name: 'No token' }, { csrf: null }), 403, 'csrf_failed');
    expectError(await b.call('POST', '/api/v1/brands', { name: 'Bad token' }, { csrf: 'x'.repeat(43) }), 403, 'csrf_failed');
    const ok = await b.call('POST', '/api/v1/brands', { name: 'With token' });
    expect(ok.statusCode, ok.body).toBe(201);
    // Nothing was created by the refused requests.
    const brands = json(await m.call('GET', '/api/v1/brands'));
    expect(brands.data.map((x: { name: string }) => x.name)).toEqual(['With token']);
    // The API key needs no CSRF token (browsers never send it on their own).
    expect((await m.call('POST', '/api/v1/brands', { name: 'By key' })).statusCode).toBe(201);
  });

  it('ends after 12 hours', async () => {
    const m = await merchantWithOwner(h);
    const b = await signIn(h, m.email);
    h.clock.advance(12 * 3600_000 - 1000);
    expect((await b.call('GET', '/api/v1/returns')).statusCode).toBe(200);
    h.clock.advance(2000);
    expectError(await b.call('GET', '/api/v1/returns'), 401, 'unauthorized');
    expectError(await b.call('GET', '/api/session'), 401, 'unauthorized');
  });
});

describe('DELETE /api/session', () => {
  it('needs the CSRF token, ends the session and clears the cookie', async () => {
    const m = await merchantWithOwner(h);
    const b = await signIn(h, m.email);
    expectError(await b.call('DELETE', '/api/session', undefined, { csrf: null }), 403, 'csrf_failed');
    expect((await b.call('GET', '/api/session')).statusCode).toBe(200);
    const out = await b.call('DELETE', '/api/session');
    expect(out.statusCode, out.body).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^retour_session=; .*Max-Age=0/);
    expectError(await b.call('GET', '/api/session'), 401, 'unauthorized');
    expectError(await b.call('GET', '/api/v1/returns'), 401, 'unauthorized');
  });
});

describe('POST /api/session/password', () => {
  it('changes the password and ends the user’s other sessions', async () => {
    const m = await merchantWithOwner(h);
    const here = await signIn(h, m.email);
    const elsewhere = await signIn(h, m.email);
    const newPassword = 'a much longer passphrase';
    expectIssue(await here.call('POST', '/api/session/password', { currentPassword: PASSWORD, newPassword: 'short' }), ['newPassword']);
    expectIssue(await here.call('POST', '/api/session/password', { currentPassword: 'wrong one', newPassword }), ['currentPassword']);
    expectError(
      await here.call('POST', '/api/session/password', { currentPassword: PASSWORD, newPassword }, { csrf: null }),
      403,
      'csrf_failed',
    );
    const res = await here.call('POST', '/api/session/password', { currentPassword: PASSWORD, newPassword });
    expect(res.statusCode, res.body).toBe(204);
    expect((await here.call('GET', '/api/session')).statusCode).toBe(200);
    expectError(await elsewhere.call('GET', '/api/session'), 401, 'unauthorized');
    expectError(await login(h, m.email, PASSWORD, '10.3.0.1'), 401, 'invalid_credentials');
    expect((await login(h, m.email, newPassword, '10.3.0.1')).statusCode).toBe(200);
  });
});

describe('PATCH /api/session/user', () => {
  it('stores the user’s back-office language, for this user only, and null goes back to the browser’s', async () => {
    const m = await merchantWithOwner(h);
    const me = await signIn(h, m.email);
    const colleague = (await addUser(h, me, 'staff')).browser;
    expect(me.user.language).toBeNull();
    const res = await me.call('PATCH', '/api/session/user', { language: 'nl' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).user).toEqual({ ...me.user, language: 'nl' });
    // It is the user's setting: another session of theirs sees it, a colleague does not.
    const again = await signIn(h, m.email);
    expect(again.user.language).toBe('nl');
    expect(json(await me.call('GET', '/api/session')).user.language).toBe('nl');
    expect(json(await colleague.call('GET', '/api/session')).user.language).toBeNull();
    const cleared = await me.call('PATCH', '/api/session/user', { language: null });
    expect(json(cleared).user.language).toBeNull();
    expect(json(await me.call('GET', '/api/session')).user.language).toBeNull();
  });

  it('refuses other languages, unknown fields, no CSRF token and no session', async () => {
    const m = await merchantWithOwner(h);
    const me = await signIn(h, m.email);
    expectIssue(await me.call('PATCH', '/api/session/user', { language: 'es' }), ['language']);
    expectIssue(await me.call('PATCH', '/api/session/user', { language: 'de', role: 'owner' }), []);
    expectError(await me.call('PATCH', '/api/session/user', { language: 'de' }, { csrf: null }), 403, 'csrf_failed');
    expectError(await h.app.inject({ method: 'PATCH', url: '/api/session/user', payload: { language: 'de' } }), 401, 'unauthorized');
    expect(json(await me.call('GET', '/api/session')).user.language).toBeNull();
  });
});
