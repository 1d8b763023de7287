import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignatureHeader, signWebhook, verifyWebhookSignature, webhookDigest } from '../src/webhook-signature.ts';
import { webhookUrlProblem } from '../src/webhook-url.ts';

const body = '{"id":"rev_1","type":"ping"}';
const at = new Date('2026-06-15T10:00:00.000Z'); // 1781517600
// Computed outside the code under test: printf '1781517600.{"id":"rev_1","type":"ping"}' | openssl dgst -sha256 -hmac whsec_test
const KNOWN = 'cb58eb1abb85d73b152917272a28f1ab778a7bb90e0241398b3c327710c1b7ac';

describe('signWebhook', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    expect(webhookDigest('whsec_test', 1781517600, body)).toBe(KNOWN);
    expect(signWebhook('whsec_test', body, at)).toBe(`t=1781517600,v1=${KNOWN}`);
    expect(signWebhook('whsec_test', body, new Date('2026-06-15T10:00:00.999Z'))).toBe(`t=1781517600,v1=${KNOWN}`);
  });

  it.each([
    ['the same secret, body and time', 'whsec_test', body, 0, true],
    ['another secret', 'whsec_other', body, 0, false],
    ['a changed body', 'whsec_test', body.replace('ping', 'pong'), 0, false],
    ['a body with extra whitespace', 'whsec_test', `${body} `, 0, false],
    ['checked 5 minutes later', 'whsec_test', body, 300, true],
    ['checked 5 minutes and 1 s later (replayed)', 'whsec_test', body, 301, false],
    ['checked 5 minutes earlier (clock skew)', 'whsec_test', body, -300, true],
    ['checked 6 minutes earlier', 'whsec_test', body, -360, false],
  ])('verifies with %s → %s', (_, secret, checkedBody, offsetSeconds, expected) => {
    const header = signWebhook('whsec_test', body, at);
    const now = new Date(at.getTime() + offsetSeconds * 1000);
    expect(verifyWebhookSignature(header, checkedBody, secret, now)).toBe(expected);
  });

  it.each([
    ['', null],
    ['t=1,v1=zz', null],
    [`v1=${KNOWN}`, null],
    ['t=1781517600', null],
    [`t=abc,v1=${KNOWN}`, null],
    [`t=1781517600,v1=${KNOWN}`, { t: 1781517600, v1: [KNOWN] }],
    [`t=1781517600, v1=${'0'.repeat(64)}, v1=${KNOWN}`, { t: 1781517600, v1: ['0'.repeat(64), KNOWN] }],
    [`t=1781517600,v0=abc,v1=${KNOWN}`, { t: 1781517600, v1: [KNOWN] }],
  ])('parses %j as %j', (header, expected) => {
    expect(parseSignatureHeader(header)).toEqual(expected);
  });

  it('accepts a header listing an old and the current signature (any v1 that matches)', () => {
    const header = `t=1781517600,v1=${webhookDigest('whsec_old', 1781517600, body)},v1=${KNOWN}`;
    expect(verifyWebhookSignature(header, body, 'whsec_test', at)).toBe(true);
    expect(verifyWebhookSignature(header, body, 'whsec_third', at)).toBe(false);
  });

  it('round-trips for any body and secret, and a different secret never verifies', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (text, secret, other) => {
        const header = signWebhook(secret, text, at);
        expect(verifyWebhookSignature(header, text, secret, at)).toBe(true);
        if (other !== secret) expect(verifyWebhookSignature(header, text, other, at)).toBe(false);
      }),
    );
  });
});

describe('webhookUrlProblem', () => {
  it.each([
    ['https://example.com/hooks/retour', false, null],
    ['https://example.com:8443/hooks?x=1', false, null],
    ['http://example.com/hooks', false, 'https'],
    ['http://example.com/hooks', true, 'https'],
    ['http://127.0.0.1:3000/hooks', false, 'https'],
    ['http://127.0.0.1:3000/hooks', true, null],
    ['http://localhost/hooks', true, null],
    ['http://[::1]:9/hooks', true, null],
    ['https://user:pass@example.com/hooks', false, 'credentials'],
    ['https://token@example.com/hooks', false, 'credentials'],
    ['https://example.com/hooks#top', false, 'fragment'],
    ['ftp://example.com/hooks', true, 'https'],
    ['https://127.0.0.1/hooks', false, 'public'],
    ['https://localhost/hooks', false, 'public'],
    ['https://localhost/hooks', true, null],
    ['https://10.1.2.3/hooks', true, 'public'],
    ['https://172.16.0.1/hooks', false, 'public'],
    ['https://172.32.0.1/hooks', false, null],
    ['https://192.168.1.1/hooks', false, 'public'],
    ['https://169.254.169.254/latest/meta-data', false, 'public'],
    ['https://[::1]/hooks', false, 'public'],
    ['https://[fd00::1]/hooks', false, 'public'],
    ['https://[::ffff:127.0.0.1]/hooks', false, 'public'],
    ['https://[2001:db8::1]/hooks', false, null],
    ['https://8.8.8.8/hooks', false, null],
    ['example.com/hooks', false, 'absolute'],
    ['', false, 'absolute'],
  ])('%j (insecure http allowed: %s) → %s', (url, allowInsecureHttp, problem) => {
    const result = webhookUrlProblem(url, { allowInsecureHttp });
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});
