import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalLinkQuery, checkDeepLink, deepLinkSignature, signDeepLink } from '../src/deep-link.ts';

const now = new Date('2026-06-15T10:00:00.000Z'); // 1781517600
const params: [string, string][] = [
  ['order', '#1001'],
  ['exp', '1781517600'],
  ['email', 'sanne@example.com'],
];
// Computed outside the code under test:
// printf 'email=sanne%40example.com&exp=1781517600&order=%231001' | openssl dgst -sha256 -hmac rls_test
const KNOWN = 'd17804f09ba0d6b8b8ea8f4cfd5d8be2ead57973ae55234410c3eb9100fd0144';

describe('canonicalLinkQuery and the signature', () => {
  it('sorts by name, percent-encodes per RFC 3986 and leaves sig out', () => {
    expect(canonicalLinkQuery([...params, ['sig', 'x']])).toBe('email=sanne%40example.com&exp=1781517600&order=%231001');
    expect(canonicalLinkQuery([['a', "it's (1)*!"]])).toBe('a=it%27s%20%281%29%2A%21');
    expect(
      canonicalLinkQuery([
        ['b', '2'],
        ['a', 'z'],
        ['a', 'y'],
      ]),
    ).toBe('a=y&a=z&b=2');
    expect(deepLinkSignature('rls_test', params)).toBe(KNOWN);
    expect(signDeepLink('rls_test', params)).toBe(`email=sanne%40example.com&exp=1781517600&order=%231001&sig=${KNOWN}`);
  });
});

describe('checkDeepLink', () => {
  const exp = String(Math.floor(now.getTime() / 1000) + 3600);
  const good = signDeepLink('rls_test', [
    ['order', '#1001'],
    ['exp', exp],
    ['gift', '1'],
  ]);
  it.each([
    ['a link as signed', good, { ok: true, orderNumber: '#1001', email: null, gift: true }],
    ['with a leading ?', `?${good}`, { ok: true }],
    ['in another parameter order, spaces as +', good.split('&').reverse().join('&'), { ok: true }],
    ['another order number', good.replace('%231001', '%231002'), { ok: false, why: 'bad_signature' }],
    ['a later expiry', good.replace(`exp=${exp}`, `exp=${Number(exp) + 1}`), { ok: false, why: 'bad_signature' }],
    ['gift removed', good.replace('&gift=1', ''), { ok: false, why: 'bad_signature' }],
    ['a parameter added', `${good}&email=x%40example.com`, { ok: false, why: 'bad_signature' }],
    ['a parameter twice', `${good}&order=%231001`, { ok: false, why: 'malformed' }],
    ['no sig', good.replace(/&sig=.*/, ''), { ok: false, why: 'malformed' }],
    ['a short sig', good.slice(0, -2), { ok: false, why: 'malformed' }],
    ['an uppercase sig', good.replace(/sig=(.*)/, (_m, s: string) => `sig=${s.toUpperCase()}`), { ok: false, why: 'malformed' }],
    ['no exp', signDeepLink('rls_test', [['order', '#1']]), { ok: false, why: 'malformed' }],
    [
      'a non-numeric exp',
      signDeepLink('rls_test', [
        ['order', '#1'],
        ['exp', 'soon'],
      ]),
      { ok: false, why: 'malformed' },
    ],
  ])('%s', (_name, query, expected) => {
    expect(checkDeepLink('rls_test', query, now)).toMatchObject(expected);
  });

  it('refuses a link signed with another secret', () => {
    expect(checkDeepLink('rls_other', good, now)).toEqual({ ok: false, why: 'bad_signature' });
  });

  it('is valid until the second before exp, expired from exp on', () => {
    const at = (s: number) => new Date(Number(exp) * 1000 + s);
    expect(checkDeepLink('rls_test', good, at(-1)).ok).toBe(true);
    expect(checkDeepLink('rls_test', good, at(0))).toEqual({ ok: false, why: 'expired' });
    expect(checkDeepLink('rls_test', good, at(86_400_000))).toEqual({ ok: false, why: 'expired' });
  });

  const value = fc.string({ minLength: 1, maxLength: 30 });
  it('opens every link it signed, with its values (property)', () => {
    fc.assert(
      fc.property(value, fc.option(value, { nil: undefined }), fc.integer({ min: 1, max: 10_000_000 }), (order, email, ahead) => {
        const e = String(Math.floor(now.getTime() / 1000) + ahead);
        const p: [string, string][] = [
          ['order', order],
          ['exp', e],
        ];
        if (email !== undefined) p.push(['email', email]);
        const result = checkDeepLink('rls_prop', signDeepLink('rls_prop', p), now);
        expect(result).toMatchObject({ ok: true, orderNumber: order, email: email ?? null, gift: false });
      }),
    );
  });

  it('refuses a link with any one character of its signed part changed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(...'0123456789abcdefXYZ%-_.~'), (i, c) => {
        const signedPart = good.slice(0, good.indexOf('&sig='));
        const at = i % signedPart.length;
        if (signedPart[at] === c) return;
        const tampered = `${signedPart.slice(0, at)}${c}${signedPart.slice(at + 1)}${good.slice(good.indexOf('&sig='))}`;
        const result = checkDeepLink('rls_test', tampered, now);
        // Unless the change only re-encodes the same values (e.g. %2a for %2A), it does not open.
        const same = canonicalLinkQuery([...new URLSearchParams(tampered)]) === canonicalLinkQuery([...new URLSearchParams(good)]);
        if (!same) expect(result.ok).toBe(false);
      }),
    );
  });
});
