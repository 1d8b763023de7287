// Readiness covers the photo storage too (RETOUR_STORAGE): a folder that cannot be written or a
// bucket that does not answer makes /api/ready answer 503 storage_unavailable with Retry-After, so a
// load balancer stops sending shoppers whose photo uploads would fail; ready again by itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localStorage } from '@retour/integrations/storage/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, json, startHarness } from './support/harness.ts';

describe('GET /api/ready and the photo storage', () => {
  let h: Harness;
  let dir: string;
  beforeEach(async () => {
    h = await startHarness();
    dir = mkdtempSync(join(tmpdir(), 'retour-ready-'));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await h.close();
  });
  const ready = () => h.app.inject({ method: 'GET', url: '/api/ready' });

  it('is ready while the storage answers, 503 storage_unavailable while it does not, and ready again after', async () => {
    h.ctx.storage = localStorage(dir);
    expect((await ready()).statusCode).toBe(200);

    let down = true;
    h.ctx.storage = {
      ...localStorage(dir),
      async check() {
        if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:9000');
      },
    };
    const res = await ready();
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(json(res).error.code).toBe('storage_unavailable');
    expect(json(res).error.message).toMatch(/RETOUR_STORAGE/);
    down = false;
    expect((await ready()).statusCode).toBe(200);
  });

  it('a local folder that cannot be made (a file stands where it should be) is not ready', async () => {
    writeFileSync(join(dir, 'blocker'), 'not a folder');
    h.ctx.storage = localStorage(join(dir, 'blocker', 'photos'));
    const res = await ready();
    expect(res.statusCode).toBe(503);
    expect(json(res).error.code).toBe('storage_unavailable');
  });
});
