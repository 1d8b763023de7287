// Sealed credentials: readable only with the same server secret and by the same owner.
import { describe, expect, it } from 'vitest';
import { openCredentials, SealedCredentialsError, sealCredentials } from '../src/credentials.ts';

const secret = Buffer.from('test-secret-key-test-secret-key-0123456789');
const value = { clientId: 'abc', clientSecret: 'shpss_very-secret' };

describe('sealed credentials', () => {
  it('round-trips and never contains the plaintext', () => {
    const sealed = sealCredentials(secret, 'mer_1:shopify', value);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('very-secret');
    expect(openCredentials(secret, 'mer_1:shopify', sealed)).toEqual(value);
  });
  it('seals the same value differently each time (random IV)', () => {
    expect(sealCredentials(secret, 'o', value)).not.toBe(sealCredentials(secret, 'o', value));
  });
  it.each([
    ['another owner', (s: string) => openCredentials(secret, 'mer_2:shopify', s)],
    ['another secret', (s: string) => openCredentials(Buffer.from('another-secret-another-secret-0123'), 'mer_1:shopify', s)],
    [
      'an altered byte',
      (s: string) => {
        const raw = Buffer.from(s.slice(3), 'base64url');
        raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
        return openCredentials(secret, 'mer_1:shopify', `v1.${raw.toString('base64url')}`);
      },
    ],
    ['an unknown format', () => openCredentials(secret, 'mer_1:shopify', 'v9.abc')],
  ])('refuses %s', (_name, open) => {
    const sealed = sealCredentials(secret, 'mer_1:shopify', value);
    expect(() => open(sealed)).toThrow(SealedCredentialsError);
  });
});
