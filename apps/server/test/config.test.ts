// Configuration from the environment: defaults, and refusals that say what to fix.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const base = { DATABASE_URL: 'file::memory:', SECRET_KEY: 'x'.repeat(40) };

describe('configuration', () => {
  it('defaults the email sender and the provider hosts', () => {
    const config = loadConfig(base);
    expect(config.mailFrom).toBeNull();
    expect(config.providers.mollieApiUrl).toBe('https://api.mollie.com/v2/');
    expect(config.providers.shopifyOrigin('acme.myshopify.com')).toBe('https://acme.myshopify.com');
    expect(config.providers.allowInsecureHttp).toBe(false);
  });
  it('takes MAIL_FROM and provider overrides', () => {
    const config = loadConfig({
      ...base,
      MAIL_FROM: 'returns@shop.example',
      RETOUR_MOLLIE_API_URL: 'http://127.0.0.1:9000/v2/',
      RETOUR_SHOPIFY_ORIGIN: 'http://127.0.0.1:9001/',
      RETOUR_ALLOW_HTTP_PROVIDERS: '1',
    });
    expect(config.mailFrom).toBe('returns@shop.example');
    expect(config.providers.mollieApiUrl).toBe('http://127.0.0.1:9000/v2/');
    expect(config.providers.shopifyOrigin('acme.myshopify.com')).toBe('http://127.0.0.1:9001');
    expect(config.providers.allowInsecureHttp).toBe(true);
  });
  it.each(['Shop <returns@shop.example>', 'returns', 'returns@shop'])('refuses MAIL_FROM %j with a message saying what to use', (value) => {
    expect(() => loadConfig({ ...base, MAIL_FROM: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, MAIL_FROM: value })).toThrow(/plain email address/);
  });
  it('refuses a short SECRET_KEY', () => {
    expect(() => loadConfig({ ...base, SECRET_KEY: 'short' })).toThrow(/at least 32 characters/);
  });
  it('takes RETOUR_WORKER_ID and SHUTDOWN_TIMEOUT_MS, with defaults, and refuses bad ones', () => {
    expect(loadConfig(base)).toMatchObject({ workerId: null, shutdownTimeoutMs: 10_000 });
    expect(loadConfig({ ...base, RETOUR_WORKER_ID: 'web-1', SHUTDOWN_TIMEOUT_MS: '2500' })).toMatchObject({
      workerId: 'web-1',
      shutdownTimeoutMs: 2500,
    });
    expect(() => loadConfig({ ...base, SHUTDOWN_TIMEOUT_MS: 'soon' })).toThrow(/SHUTDOWN_TIMEOUT_MS must be a whole number/);
    expect(() => loadConfig({ ...base, RETOUR_WORKER_ID: 'web 1#2' })).toThrow(/RETOUR_WORKER_ID may use/);
  });
});
