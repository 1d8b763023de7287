// The shopper sees the photos they sent with their return on its status page (issue #15 item 3):
// opened with the return's access code (or the emails' status token), like the page itself; a wrong
// code and an unknown return get the same 404, a photo of another return is not found.
import { getReturnPhoto as findReturnPhoto } from '@retour/db/repos/photos';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { photoStorage } from '../photos/photo-storage.ts';
import { loadShopperReturn } from './get-shopper-return.ts';

export async function getShopperPhoto(ctx: Ctx, slug: string, returnId: string, accessCode: string, photoId: string) {
  const agg = await loadShopperReturn(ctx, slug, returnId, accessCode);
  const row = await findReturnPhoto(ctx.db, agg.ret.merchantId, agg.ret.id, photoId);
  if (!row) fail('photo_not_found', 'This return has no photo with this id.');
  const object = await photoStorage(ctx).get(row.storageKey);
  if (!object) fail('photo_not_found', 'This photo is no longer stored (removed with the personal data).');
  return object;
}
