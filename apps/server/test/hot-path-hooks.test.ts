// Issue #12: the per-request hooks are callback hooks and the token HMAC key is imported once per
// secret. The behaviours they carry stay: security headers, the one request log line when a
// logger is set, NUL refused as a 400, and tokens that verify only under their own secret.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { signToken, verifyToken } from '../src/secrets.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe('tokens with a cached HMAC key', () => {
  it('verify under the same secret bytes only', () => {
    const a = Buffer.from('secret-a-secret-a-secret-a-0123456789');
    const b = Buffer.from('secret-b-secret-b-secret-b-0123456789');
    const token = signToken(a, { k: 'lookup', n: 1 });
    expect(verifyToken(a, token)).toEqual({ k: 'lookup', n: 1 });
    expect(verifyToken(b, token)).toBeNull();
    // Another Buffer with the same bytes is the same secret.
    expect(verifyToken(Buffer.from(a), token)).toEqual({ k: 'lookup', n: 1 });
    expect(signToken(b, { k: 'lookup', n: 1 })).not.toBe(token);
    const [body] = token.split('.');
    expect(verifyToken(a, `${body}.${signToken(b, { k: 'lookup', n: 1 }).split('.')[1]}`)).toBeNull();
  });
});

describe('per-request hooks', () => {
  it('set the security headers and the request id', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'req-12' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-12');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('refuse a NUL in the body as a 400 naming the field', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/portal/any-shop/lookup',
      payload: { orderNumber: 'A\u00001', postalCode: '1016 GV' },
    });
    expect(res.statusCode).toBe(400);
    const body = json(res);
    expect(body.error.code).toBe('validation_error');
    expect(body.error.details.issues[0]).toMatchObject({ path: ['orderNumber'], in: 'body' });
  });

  it('write one request line when a logger is set', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
        cb();
      },
    });
    const app = await buildApp(h.ctx, { logger: { level: 'info', stream } });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health?code=secret' });
      expect(res.statusCode).toBe(200);
      const requestLines = lines.filter((l) => l.msg === 'request');
      expect(requestLines).toHaveLength(1);
      expect(requestLines[0]).toMatchObject({ method: 'GET', route: '/api/health', status: 200 });
      expect(JSON.stringify(requestLines[0])).not.toContain('secret');
    } finally {
      await app.close();
    }
  });
});
