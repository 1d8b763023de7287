// A shopper takes back a photo before submitting the return (with the token of their lookup).
import { deleteUnattachedPhoto } from '@retour/db/repos/photos';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { loadEnabledPortal } from '../shared/load-portal.ts';
import { lookupOrderId } from '../shared/lookup-token.ts';
import { photoStorage } from './photo-storage.ts';

export async function removePhoto(ctx: Ctx, slug: string, authorization: string | undefined, photoId: string): Promise<void> {
  const bundle = await loadEnabledPortal(ctx, slug);
  const orderId = lookupOrderId(ctx, bundle, authorization);
  const storage = photoStorage(ctx);
  const row = await deleteUnattachedPhoto(ctx.db, bundle.merchantId, orderId, photoId);
  if (!row) fail('photo_not_found', 'There is no such photo waiting for this order (a submitted return keeps its photos).');
  await storage.delete(row.storageKey);
}
