// The shoppers' photos repository (migration 0018) on SQLite and PostgreSQL: a photo is attached
// once only, the 48-hour sweep sees only old unattached uploads, retention takes every photo of an
// order, every query stays within its merchant, and the returns search filters on photos.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attachPhotos,
  countUnattachedPhotos,
  deletePhotosOfOrders,
  deleteUnattachedPhoto,
  deleteUnattachedPhotos,
  findPhotos,
  findUnattachedBefore,
  getReturnPhoto,
  insertPhoto,
  listReturnPhotos,
  type PhotoRow,
} from '../src/repos/photos.ts';
import { insertReturn, searchReturns } from '../src/repos/returns.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { at, makeReturn } from './helpers.ts';

const M = 'mer_photos';
const OTHER = 'mer_other';
const HOUR = 3_600_000;

const photo = (id: string, over: Partial<PhotoRow> = {}): PhotoRow => ({
  merchantId: M,
  id,
  portalId: 'ptl_1',
  orderId: 'ord_1',
  orderItemId: 'oit_1',
  returnId: null,
  returnItemId: null,
  storageKey: `${over.merchantId ?? M}/photos/${id}.jpg`,
  contentType: 'image/jpeg',
  bytes: 1234,
  width: 640,
  height: 480,
  createdAt: at(),
  attachedAt: null,
  ...over,
});

let h: TestDatabaseHandle;
beforeEach(async () => {
  h = await openTestDatabase();
});
afterEach(async () => h.close());

describe('photos repository', () => {
  it('attaches an unattached photo once; a second return cannot take it', async () => {
    await insertPhoto(h.db, photo('pho_a'));
    await insertPhoto(h.db, photo('pho_b'));
    expect(await attachPhotos(h.db, M, 'ret_1', [{ id: 'pho_a', returnItemId: 'rti_1' }], at(HOUR))).toBe(1);
    expect(
      await attachPhotos(
        h.db,
        M,
        'ret_2',
        [
          { id: 'pho_a', returnItemId: 'rti_9' },
          { id: 'pho_b', returnItemId: 'rti_9' },
        ],
        at(HOUR),
      ),
    ).toBe(1);
    expect(await attachPhotos(h.db, OTHER, 'ret_3', [{ id: 'pho_b', returnItemId: 'rti_3' }], at(HOUR))).toBe(0);
    const [a] = await findPhotos(h.db, M, ['pho_a']);
    expect(a).toMatchObject({ returnId: 'ret_1', returnItemId: 'rti_1', attachedAt: at(HOUR) });
    expect((await listReturnPhotos(h.db, M, 'ret_2')).map((p) => p.id)).toEqual(['pho_b']);
    expect(await getReturnPhoto(h.db, M, 'ret_1', 'pho_a')).toMatchObject({ id: 'pho_a' });
    expect(await getReturnPhoto(h.db, M, 'ret_2', 'pho_a')).toBeUndefined();
    expect(await getReturnPhoto(h.db, OTHER, 'ret_1', 'pho_a')).toBeUndefined();
    expect(await findPhotos(h.db, OTHER, ['pho_a', 'pho_b'])).toEqual([]);
  });

  it('the sweep finds old unattached uploads of every merchant and removes only unattached ones', async () => {
    await insertPhoto(h.db, photo('pho_old', { createdAt: at(-49 * HOUR) }));
    await insertPhoto(h.db, photo('pho_other', { merchantId: OTHER, createdAt: at(-50 * HOUR) }));
    await insertPhoto(h.db, photo('pho_new', { createdAt: at(-47 * HOUR) }));
    await insertPhoto(h.db, photo('pho_used', { createdAt: at(-60 * HOUR), returnId: 'ret_1', attachedAt: at(-59 * HOUR) }));
    const cutoff = at(-48 * HOUR);
    expect((await findUnattachedBefore(h.db, cutoff, 10)).map((p) => p.id)).toEqual(['pho_other', 'pho_old']);
    expect(await countUnattachedPhotos(h.db, M, 'ord_1', cutoff)).toBe(1);
    // Attached meanwhile: the delete leaves it.
    expect((await deleteUnattachedPhotos(h.db, M, ['pho_old', 'pho_used'])).map((p) => p.id)).toEqual(['pho_old']);
    expect((await findPhotos(h.db, M, ['pho_used'])).length).toBe(1);
    // The shopper's own removal: only their order's, only unattached.
    expect(await deleteUnattachedPhoto(h.db, M, 'ord_2', 'pho_new')).toBeUndefined();
    expect(await deleteUnattachedPhoto(h.db, M, 'ord_1', 'pho_used')).toBeUndefined();
    expect(await deleteUnattachedPhoto(h.db, M, 'ord_1', 'pho_new')).toMatchObject({ storageKey: `${M}/photos/pho_new.jpg` });
  });

  it('retention removes every photo of the orders, attached or not, of that merchant only', async () => {
    await insertPhoto(h.db, photo('pho_1', { returnId: 'ret_1' }));
    await insertPhoto(h.db, photo('pho_2'));
    await insertPhoto(h.db, photo('pho_3', { orderId: 'ord_2' }));
    await insertPhoto(h.db, photo('pho_4', { merchantId: OTHER }));
    const removed = await deletePhotosOfOrders(h.db, M, ['ord_1']);
    expect(removed.map((p) => p.id).sort()).toEqual(['pho_1', 'pho_2']);
    expect((await findPhotos(h.db, M, ['pho_1', 'pho_2', 'pho_3'])).map((p) => p.id)).toEqual(['pho_3']);
    expect(await findPhotos(h.db, OTHER, ['pho_4'])).toHaveLength(1);
  });

  it('the returns search filters on having photos', async () => {
    const withPhoto = makeReturn({ merchantId: M, orderId: 'ord_1', createdAt: at(1) });
    const without = makeReturn({ merchantId: M, orderId: 'ord_1', createdAt: at(2) });
    await insertReturn(h.db, withPhoto, []);
    await insertReturn(h.db, without, []);
    await insertPhoto(h.db, photo('pho_1', { returnId: withPhoto.id }));
    await insertPhoto(h.db, photo('pho_x', { merchantId: OTHER, returnId: without.id }));
    const ids = async (hasPhotos?: boolean) =>
      (await searchReturns(h.db, M, hasPhotos === undefined ? {} : { hasPhotos }, { limit: 10, direction: 'asc' })).map((r) => r.id);
    expect(await ids(true)).toEqual([withPhoto.id]);
    expect(await ids(false)).toEqual([without.id]);
    expect(await ids()).toEqual([withPhoto.id, without.id]);
  });
});
