// Staff (or the merchant's systems, with the API key) fetch one photo of one of their returns.
import { getReturnPhoto as findReturnPhoto } from '@retour/db/repos/photos';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { photoStorage } from '../photos/photo-storage.ts';

export async function getReturnPhoto(ctx: Ctx, merchantId: string, returnId: string, photoId: string) {
  const row = await findReturnPhoto(ctx.db, merchantId, returnId, photoId);
  if (!row) fail('photo_not_found', 'This return has no photo with this id.');
  const object = await photoStorage(ctx).get(row.storageKey);
  if (!object) fail('photo_not_found', 'This photo is no longer stored (removed with the personal data).');
  return object;
}
