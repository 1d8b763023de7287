// The back office web app under /admin: index.html for /admin and every /admin/* path (History API
// routing, never cached), immutable hashed assets, never framed, and a clear page while unbuilt.
// Uses a fixture build (the route takes its dist folder as an option), so no Vite run is needed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { BACKOFFICE_CSP } from '../src/routes/backoffice-web.ts';
import { type Harness, startHarness } from './support/harness.ts';

const INDEX =
  '<!doctype html><html lang="en"><head><title>Retour back office</title><script type="module" src="/admin/assets/index-abc123.js"></script></head><body><div id="app"></div></body></html>';

let h: Harness;
let web: FastifyInstance;
let unbuilt: FastifyInstance;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'retour-admin-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("admin");');
  h = await startHarness();
  web = await buildApp(h.ctx, { backofficeDist: dist });
  unbuilt = await buildApp(h.ctx, { backofficeDist: join(dist, 'missing') });
});

afterAll(async () => {
  await web.close();
  await unbuilt.close();
  await h.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('back office web app', () => {
  it.each(['/admin', '/admin/', '/admin/returns', '/admin/returns/ret_1', '/admin/settings/portals/p_1?x=1'])(
    'serves index.html at %s',
    async (url) => {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="app">');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toBe(BACKOFFICE_CSP);
    },
  );

  it('serves hashed assets for a year, and 404 for unknown ones', async () => {
    const res = await web.inject({ method: 'GET', url: '/admin/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await web.inject({ method: 'GET', url: '/admin/assets/nope.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('says how to build it while the build is missing', async () => {
    const res = await unbuilt.inject({ method: 'GET', url: '/admin/returns' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:admin');
  });
});
