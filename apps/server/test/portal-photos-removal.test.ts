// Removal of shoppers' photos (issue #15 item 3): uploads never sent with a return go after 48
// hours (row and stored image), and every photo of an order goes with its personal data at
// retention time. One harness per test: each moves its clock far ahead.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { anonymiseExpiredData } from '../src/use-cases/maintenance/anonymise-expired-data.ts';
import { removeUnusedPhotos } from '../src/use-cases/maintenance/remove-unused-photos.ts';
import { found, item, postReturn, returnBody } from './portal-helpers.ts';
import { orderPayload, setupShop } from './support/fixtures.ts';
import { json, startHarness } from './support/harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const jpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#aa3344' } })
    .jpeg()
    .toBuffer();

describe('photo evidence: removal', () => {
  it('removes uploads never sent with a return after 48 hours, keeps attached ones', async () => {
    const local = await startHarness('2026-06-15T10:00:00.000Z');
    try {
      const shop = await setupShop(local, { reasons: [{ code: 'too_small', labels: {}, photos: { mode: 'optional' } }] });
      const order = orderPayload(local);
      await shop.importOrders(order);
      const result = await found(local, shop.slug, order);
      const shirt = item(result, 'TS-M').id;
      const send = async () => {
        const res = await local.app.inject({
          method: 'POST',
          url: `/api/portal/${shop.slug}/photos?orderItemId=${shirt}`,
          headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${result.token}` },
          payload: await jpeg(),
        });
        expect(res.statusCode, res.body).toBe(201);
        return json(res).id as string;
      };
      const unused = await send();
      const used = await send();
      const created = await postReturn(
        local,
        shop.slug,
        result.token,
        returnBody(shirt, { items: [{ orderItemId: shirt, quantity: 1, reason: 'too_small', photoIds: [used] }] }),
      );
      expect(created.statusCode, created.body).toBe(201);
      const keys = new Map((await local.ctx.db.selectFrom('returnPhotos').selectAll().execute()).map((r) => [r.id, r.storageKey]));

      local.clock.advance(48 * HOUR - 1000);
      expect(await removeUnusedPhotos(local.ctx)).toEqual({ photos: 0 });
      local.clock.advance(2000);
      expect(await removeUnusedPhotos(local.ctx)).toEqual({ photos: 1 });
      expect(await local.ctx.storage?.get(keys.get(unused) ?? '')).toBeNull();
      expect(await local.ctx.storage?.get(keys.get(used) ?? '')).not.toBeNull();
      const left = await local.ctx.db.selectFrom('returnPhotos').select('id').execute();
      expect(left.map((r) => r.id)).toEqual([used]);
    } finally {
      await local.close();
    }
  });

  it('removes every photo of an order with its personal data at retention time', async () => {
    const local = await startHarness('2026-06-15T10:00:00.000Z');
    try {
      const shop = await setupShop(local, { reasons: [{ code: 'too_small', labels: {}, photos: { mode: 'optional' } }] });
      const order = orderPayload(local);
      await shop.importOrders(order);
      const result = await found(local, shop.slug, order);
      const shirt = item(result, 'TS-M').id;
      const res = await local.app.inject({
        method: 'POST',
        url: `/api/portal/${shop.slug}/photos?orderItemId=${shirt}`,
        headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${result.token}` },
        payload: await jpeg(),
      });
      const id = json(res).id as string;
      const created = await postReturn(
        local,
        shop.slug,
        result.token,
        returnBody(shirt, { items: [{ orderItemId: shirt, quantity: 1, reason: 'too_small', photoIds: [id] }] }),
      );
      expect(created.statusCode, created.body).toBe(201);
      const ret = json(created);
      const [row] = await local.ctx.db.selectFrom('returnPhotos').selectAll().execute();
      expect((await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/cancel`, {})).statusCode).toBe(200);

      local.clock.advance((30 + 365) * DAY);
      expect(await anonymiseExpiredData(local.ctx)).toMatchObject({ orders: 1, photos: 1 });
      expect(await local.ctx.db.selectFrom('returnPhotos').selectAll().execute()).toEqual([]);
      expect(await local.ctx.storage?.get(row?.storageKey ?? '')).toBeNull();
      expect(json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`)).photos).toEqual([]);
    } finally {
      await local.close();
    }
  });
});
