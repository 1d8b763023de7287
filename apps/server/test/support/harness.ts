// A real app over a real test database (SQLite or PostgreSQL), with a clock the test controls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openTestDatabase } from '@retour/db/testing';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { createObjectStorage } from '@retour/integrations/storage/registry';
import { buildApp } from '../../src/app.ts';
import type { Ctx } from '../../src/context.ts';
import { JOBS } from '../../src/composition.ts';
import { createMerchant } from '../../src/use-cases/merchants/create-merchant.ts';
import { auditErrorAnswers } from './openapi-audit.ts';

export type Harness = {
  app: FastifyInstance;
  ctx: Ctx;
  clock: { now: Date; advance(ms: number): void; set(iso: string): void };
  close(): Promise<void>;
};

export async function startHarness(startAt = '2026-06-15T10:00:00.000Z'): Promise<Harness> {
  const handle = await openTestDatabase();
  const clock = {
    now: new Date(startAt),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
    set(iso: string) {
      this.now = new Date(iso);
    },
  };
  // Shoppers' photos go to a folder of this test, removed at close.
  const storageDir = mkdtempSync(join(tmpdir(), 'retour-storage-'));
  const ctx: Ctx = {
    storage: createObjectStorage({ kind: 'local', dir: storageDir }),
    db: handle.db,
    dialect: handle.dialect,
    now: () => clock.now,
    carriers: createCarrierRegistry(),
    providers: providerEndpoints(),
    secret: Buffer.from('test-secret-key-test-secret-key-0123456789'),
    publicUrl: 'http://retour.test',
    jobs: JOBS,
  };
  const app = await buildApp(ctx, { validateResponses: true });
  if (process.env.OPENAPI_AUDIT) auditErrorAnswers(app, process.env.OPENAPI_AUDIT);
  return {
    app,
    ctx,
    clock,
    close: async () => {
      await app.close();
      await handle.close();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

/** A merchant with an API key; `call` sends authenticated requests. */
export async function newMerchant(h: Harness, name = 'Shop') {
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${Math.random().toString(36).slice(2)}@example.com`;
  const created = await createMerchant(h.ctx, { name, email, password: 'correct horse battery' });
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    h.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { authorization: `Bearer ${created.apiKey}`, ...headers },
    });
  return { id: created.merchant.id, apiKey: created.apiKey, call };
}

export type Merchant = Awaited<ReturnType<typeof newMerchant>>;

export function json<T = Record<string, any>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}
