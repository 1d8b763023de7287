// The portal's configuration is kept in each server's memory (use-cases/shared/portal-config.ts).
// Two servers on ONE database, as with several processes: what one server changes (portal
// settings, the portal's state, the return address, a carrier account) is what the other's next
// lookup and creation use, with no message between them — the config version bumped by the
// database's triggers in the writing transaction (migration 0013) is read inside the hot query.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '@retour/db/database';
import { migrateToLatest } from '@retour/db/migrate';
import { openTestDatabase } from '@retour/db/testing';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { JOBS } from '../src/composition.ts';
import type { Ctx } from '../src/context.ts';
import { orderPayload, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json } from './support/harness.ts';

const clock = {
  now: new Date('2026-06-15T10:00:00.000Z'),
  advance(ms: number) {
    this.now = new Date(this.now.getTime() + ms);
  },
  set(iso: string) {
    this.now = new Date(iso);
  },
};

async function serverOn(handle: DatabaseHandle): Promise<Harness> {
  const ctx: Ctx = {
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
  return { app, ctx, clock, close: () => app.close() };
}

let a: Harness;
let b: Harness;
let cleanup: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  if ((process.env.TEST_DB ?? 'sqlite') === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'retour-cache-'));
    first = openDatabase(`file:${join(dir, 'shared.sqlite')}`);
    await migrateToLatest(first.db);
    second = openDatabase(`file:${join(dir, 'shared.sqlite')}`);
    cleanup = async () => {
      await second.close();
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const test = await openTestDatabase();
    first = test;
    second = test.reopen();
    cleanup = async () => {
      await second.close();
      await test.close();
    };
  }
  a = await serverOn(first);
  b = await serverOn(second);
  shop = await setupShop(a);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await cleanup?.();
});

const lookupOn = (h: Harness, order: ReturnType<typeof orderPayload>) =>
  h.app.inject({
    method: 'POST',
    url: `/api/portal/${shop.slug}/lookup`,
    payload: { orderNumber: order.orderNumber, postalCode: order.shippingAddress.postalCode },
  });
const createOn = (h: Harness, token: string, itemId: string, body: Record<string, unknown> = {}) =>
  h.app.inject({
    method: 'POST',
    url: `/api/portal/${shop.slug}/returns`,
    headers: { authorization: `Bearer ${token}` },
    payload: {
      items: [{ orderItemId: itemId, quantity: 1, reason: 'too_small' }],
      method: 'drop_off',
      carrier: 'sandbox',
      resolution: 'refund',
      contact: { email: 'sanne@example.com' },
      language: 'en',
      ...body,
    },
  });

describe('portal configuration cached in two servers on one database', () => {
  it('a settings change made through one server is what the other server’s next lookup and creation use', async () => {
    const order = orderPayload(a);
    await shop.importOrders(order);
    // B reads and keeps the portal's configuration.
    const before = await lookupOn(b, order);
    expect(before.statusCode, before.body).toBe(200);
    expect(json(before).options.resolutions).toEqual(['refund', 'store_credit', 'exchange']);

    const patched = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { resolutions: ['refund'] });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = await lookupOn(b, order);
    expect(after.statusCode, after.body).toBe(200);
    expect(json(after).options.resolutions).toEqual(['refund']);

    // A creation on B with the looked-up token follows the new settings too: store credit is gone.
    const refused = await createOn(b, json(after).token, json(after).order.items[0].id, { resolution: 'store_credit' });
    expect(refused.statusCode, refused.body).toBe(422);
    const created = await createOn(b, json(after).token, json(after).order.items[0].id);
    expect(created.statusCode, created.body).toBe(201);
  });

  it('the return address changed on one server is the one the other server freezes on the next return', async () => {
    const order = orderPayload(a);
    await shop.importOrders(order);
    const first = await lookupOn(b, order);
    expect(first.statusCode, first.body).toBe(200);
    const moved = await shop.merchant.call('PATCH', `/api/v1/addresses/${shop.returnAddress.id}`, {
      postalCode: '3511 AB',
      city: 'Utrecht',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const created = await createOn(b, json(first).token, json(first).order.items[0].id);
    expect(created.statusCode, created.body).toBe(201);
    const row = await b.ctx.db.selectFrom('returns').select('returnAddress').where('id', '=', json(created).id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.returnAddress ?? '{}')).toMatchObject({ postalCode: '3511 AB', city: 'Utrecht' });
  });

  it('a portal disabled through one server is gone on the other at once, and back when enabled again', async () => {
    const order = orderPayload(a);
    await shop.importOrders(order);
    expect((await lookupOn(b, order)).statusCode).toBe(200);
    const off = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    const gone = await lookupOn(b, order);
    expect(gone.statusCode, gone.body).toBe(404);
    expect(json(gone).error.code).toBe('portal_not_found');
    const on = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { enabled: true });
    expect(on.statusCode, on.body).toBe(200);
    expect((await lookupOn(b, order)).statusCode).toBe(200);
  });

  it('a refusal on the configuration in memory is confirmed first: withdrawal switched on through one server is accepted by the other', async () => {
    const order = orderPayload(a);
    await shop.importOrders(order);
    const found = await lookupOn(b, order);
    expect(found.statusCode, found.body).toBe(200);
    const on = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { withdrawalFunction: true });
    expect(on.statusCode, on.body).toBe(200);
    const created = await createOn(b, json(found).token, json(found).order.items[0].id, { withdrawal: true });
    expect(created.statusCode, created.body).toBe(201);
  });

  it('a change made straight in the database (another tool, an operator) is seen too: the triggers bump the version', async () => {
    const order = orderPayload(a);
    await shop.importOrders(order);
    expect(json(await lookupOn(b, order)).options.resolutions).toEqual(['refund']);
    const row = await a.ctx.db.selectFrom('portals').select('settings').where('id', '=', shop.portal.id).executeTakeFirstOrThrow();
    const settings = { ...JSON.parse(row.settings), resolutions: ['refund', 'exchange'] };
    await a.ctx.db
      .updateTable('portals')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', shop.portal.id)
      .execute();
    expect(json(await lookupOn(b, order)).options.resolutions).toEqual(['refund', 'exchange']);
  });
});
