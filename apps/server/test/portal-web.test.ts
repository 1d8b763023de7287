// The portal web pages under /r/: the built index.html per portal with its frame-ancestors policy,
// the friendly 404, immutable hashed assets, and what happens while the portal is not built.
// Uses a fixture build (the route takes its dist folder as an option), so no Vite run is needed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <title>Returns</title>
    <!--retour:head-->
    <script type="module" crossorigin src="/r/assets/index-abc123.js"></script>
    <link rel="stylesheet" crossorigin href="/r/assets/index-def456.css">
  </head>
  <body><div id="app"></div><!--retour:body--></body>
</html>`;
const SCRIPT = `console.log(${JSON.stringify('portal '.repeat(200))});`;
const MANIFEST = {
  'index.html': { file: 'assets/index-abc123.js', src: 'index.html', isEntry: true, css: ['assets/index-def456.css'] },
  'src/messages/nl.ts': { file: 'assets/nl-aaa111.js', src: 'src/messages/nl.ts', isDynamicEntry: true },
  'src/messages/de.ts': { file: 'assets/de-bbb222.js', src: 'src/messages/de.ts', isDynamicEntry: true },
};

let h: Harness;
let web: FastifyInstance;
let unbuilt: FastifyInstance;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'retour-portal-dist-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'index-def456.css'), 'body{margin:0}');
  writeFileSync(join(dist, 'assets', 'nl-aaa111.js'), 'export default {};');
  writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
  h = await startHarness();
  web = await buildApp(h.ctx, { validateResponses: true, portalDist: dist });
  unbuilt = await buildApp(h.ctx, { portalDist: join(dist, 'missing') });
});

afterAll(async () => {
  await web.close();
  await unbuilt.close();
  await h.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => web.inject({ method: 'GET', url, headers });

/** The portal settings the page carries for the app, parsed back out of the HTML. */
function inlined(html: string): Record<string, any> {
  const match = /<script id="portal-data" type="application\/json">(.*?)<\/script>/s.exec(html);
  if (!match?.[1]) throw new Error(`no portal data in ${html}`);
  return JSON.parse(match[1]);
}

describe('portal pages', () => {
  it('serve index.html with the portal inlined and a frame-ancestors policy per portal', async () => {
    const acme = await setupShop(h, { allowedFrameAncestors: ['https://acme.example', 'http://localhost:5173'] });
    const other = await setupShop(h, { allowedFrameAncestors: ['https://other.example'] });

    const res = await get(`/r/${acme.slug}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self' https://acme.example http://localhost:5173");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<script type="module" crossorigin src="/r/assets/index-abc123.js">');
    const data = inlined(res.body);
    expect(data).toMatchObject({ slug: acme.slug, brand: { name: 'Acme' }, language: 'en' });
    expect(res.body).not.toContain('allowedFrameAncestors');

    const second = await get(`/r/${other.slug}`);
    expect(second.headers['content-security-policy']).toContain("frame-ancestors 'self' https://other.example");
    expect(second.headers['content-security-policy']).not.toContain('acme.example');
  });

  it('allow only their own origin when the merchant lists no sites', async () => {
    const shop = await setupShop(h);
    const res = await get(`/r/${shop.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'$/);
  });

  it('pick the language from ?lang=, then Accept-Language, then the default, and preload its messages', async () => {
    const shop = await setupShop(h, { languages: ['en', 'nl', 'de'], defaultLanguage: 'nl' });
    const byQuery = await get(`/r/${shop.slug}?lang=de`, { 'accept-language': 'nl' });
    expect(byQuery.body).toContain('<html lang="de">');
    expect(inlined(byQuery.body).language).toBe('de');

    const byHeader = await get(`/r/${shop.slug}`, { 'accept-language': 'fr-BE,fr;q=0.9,de;q=0.8' });
    expect(byHeader.body).toContain('<html lang="de">');

    const byDefault = await get(`/r/${shop.slug}`, { 'accept-language': 'it' });
    expect(byDefault.body).toContain('<html lang="nl">');
    expect(byDefault.body).toContain('<link rel="modulepreload" crossorigin href="/r/assets/nl-aaa111.js">');
    expect(byDefault.body).toContain('<title>Retourneren – Acme</title>');
    expect(inlined(byDefault.body).reasons.find((r: { code: string }) => r.code === 'too_small').label).toBe('Te klein');
  });

  it('serve the status page behind the email link, never cached', async () => {
    const shop = await setupShop(h);
    const res = await get(`/r/${shop.slug}/returns/ret_123?access=abc`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain('frame-ancestors');
    expect(inlined(res.body).slug).toBe(shop.slug);
  });

  it('answer an unknown or disabled portal with a friendly 404 page in the shopper’s language', async () => {
    const unknown = await get('/r/no-such-portal', { 'accept-language': 'de' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(unknown.body).toContain('<h1>Seite nicht gefunden</h1>');
    expect(unknown.body).toContain('Unter dieser Adresse gibt es kein Retourenportal');
    expect(unknown.body).toContain('href="/r/assets/index-def456.css"');
    expect(unknown.headers['x-frame-options']).toBeUndefined();
    expect(unknown.headers['content-security-policy']).toContain("frame-ancestors 'self'");

    const shop = await setupShop(h, { enabled: false });
    const disabled = await get(`/r/${shop.slug}`);
    expect(disabled.statusCode).toBe(404);
    expect(disabled.body).toContain('There is no returns portal at this address.');
    expect(disabled.body).not.toContain('portal-data');
  });

  it('compress pages for browsers that accept gzip', async () => {
    const shop = await setupShop(h);
    const res = await get(`/r/${shop.slug}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toContain('portal-data');
  });
});

describe('portal assets', () => {
  it('are served with long-lived immutable caching and compressed', async () => {
    const plain = await get('/r/assets/index-abc123.js');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(SCRIPT);

    const gzip = await get('/r/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT);
    expect(gzip.rawPayload.length).toBeLessThan(SCRIPT.length / 4);

    const br = await get('/r/assets/index-abc123.js', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');

    const css = await get('/r/assets/index-def456.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answer 404 for unknown files, without caching, and never serve files outside assets/', async () => {
    const missing = await get('/r/assets/index-zzz999.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    const outside = await get('/r/assets/..%2Findex.html');
    expect(outside.statusCode).toBe(404);
    const manifest = await get('/r/assets/..%2F.vite%2Fmanifest.json');
    expect(manifest.statusCode).toBe(404);
  });
});

describe('framing outside /r/', () => {
  it('is refused with X-Frame-Options: DENY', async () => {
    const health = await get('/api/health');
    expect(health.headers['x-frame-options']).toBe('DENY');
    const settings = await get('/api/portal/no-such-portal');
    expect(settings.headers['x-frame-options']).toBe('DENY');
  });
});

describe('before the portal is built', () => {
  it('says how to build it', async () => {
    const shop = await setupShop(h);
    const res = await unbuilt.inject({ method: 'GET', url: `/r/${shop.slug}` });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    expect(res.body).toContain('vite build --config apps/portal/vite.config.ts');
  });
});

describe('merchant portal view', () => {
  it('offers the iframe snippet to paste into the shop', async () => {
    const shop = await setupShop(h);
    const res = await shop.merchant.call('GET', `/api/v1/portals/${shop.portal.id}`);
    const snippet = json(res).embedSnippet as string;
    expect(snippet).toMatch(new RegExp(`^<iframe src="http://retour.test/r/${shop.slug}\\?embed=1" title="Returns"`));
    expect(snippet).toContain('</iframe>');
  });

  it('accepts https origins and local development origins as frame ancestors, nothing else', async () => {
    const shop = await setupShop(h);
    const ok = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, {
      allowedFrameAncestors: ['https://shop.example', 'http://localhost:3000', 'http://127.0.0.1:8080'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    for (const bad of [
      'http://shop.example',
      'https://shop.example/returns',
      "https://a.example 'unsafe-inline'",
      'http://localhost.evil.example',
    ]) {
      const res = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { allowedFrameAncestors: [bad] });
      expect(res.statusCode, bad).toBe(400);
    }
  });
});
