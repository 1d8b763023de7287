// A shopper adds a photo of an item in the portal (with the token of their order lookup). The file
// is checked by its content, made upright, scaled down and stored as a JPEG without metadata;
// it waits unattached until the return is submitted with its id (removed after 48 hours if not).
import type { UploadedPhoto } from '@retour/contracts/photos';
import { newId } from '@retour/db/ids';
import { countUnattachedPhotos, insertPhoto, orderHasItem } from '@retour/db/repos/photos';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_RETURN, unusedPhotoCutoff } from '@retour/domain/photos';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';
import { processPhoto, UnsupportedImage } from '../../images/process-photo.ts';
import { loadEnabledPortal } from '../shared/load-portal.ts';
import { lookupOrderId } from '../shared/lookup-token.ts';
import { assertUnderLimits, type Limit, recordFailure } from '../shared/rate-limit.ts';
import { photoKey, photoStorage } from './photo-storage.ts';

/** Uploads per order in an hour (a shopper retrying a few photos stays far below it). */
const UPLOADS_PER_HOUR = 40;
/** Unattached photos one order may hold at once: two returns' worth, with room to replace some. */
const MAX_WAITING_PHOTOS = 3 * MAX_PHOTOS_PER_RETURN;

export async function uploadPhoto(
  ctx: Ctx,
  slug: string,
  authorization: string | undefined,
  orderItemId: string,
  data: Buffer | undefined,
): Promise<UploadedPhoto> {
  const bundle = await loadEnabledPortal(ctx, slug);
  const orderId = lookupOrderId(ctx, bundle, authorization);
  const { merchantId } = bundle;
  const limit: Limit = { key: `photo:${bundle.portal.id}:${orderId}`, max: UPLOADS_PER_HOUR, windowMs: 3_600_000 };
  await assertUnderLimits(ctx, [limit], 'Too many photos were sent for this order. Wait a while, then try again.');
  if (!data || data.length === 0) invalid(['body'], 'Send the photo file as the request body.');
  if (data.length > MAX_PHOTO_BYTES) fail('payload_too_large', 'Photos may be at most 10 MB; take a smaller one and try again.');
  if (!(await orderHasItem(ctx.db, merchantId, orderId, orderItemId))) {
    invalid(['orderItemId'], 'This order has no such item; choose an item of the order.');
  }
  const now = ctx.now();
  const waiting = await countUnattachedPhotos(ctx.db, merchantId, orderId, unusedPhotoCutoff(now).toISOString());
  if (waiting >= MAX_WAITING_PHOTOS) {
    fail('too_many_photos', 'This order already has many photos waiting; remove some before adding more.', { max: MAX_WAITING_PHOTOS });
  }
  await recordFailure(ctx, limit);
  let processed: Awaited<ReturnType<typeof processPhoto>>;
  try {
    processed = await processPhoto(data);
  } catch (e) {
    if (e instanceof UnsupportedImage) {
      fail('unsupported_image', 'This file is not a photo we can read. Send a JPEG, PNG, HEIC or WebP image.');
    }
    throw e;
  }
  const id = newId('pho', now.getTime());
  const storageKey = photoKey(merchantId, id);
  const storage = photoStorage(ctx);
  await storage.put(storageKey, processed.data, processed.contentType);
  const row = {
    merchantId,
    id,
    portalId: bundle.portal.id,
    orderId,
    orderItemId,
    returnId: null,
    returnItemId: null,
    storageKey,
    contentType: processed.contentType,
    bytes: processed.data.length,
    width: processed.width,
    height: processed.height,
    createdAt: now.toISOString(),
    attachedAt: null,
  };
  try {
    await insertPhoto(ctx.db, row);
  } catch (e) {
    await storage.delete(storageKey).catch(() => {});
    throw e;
  }
  return { id, orderItemId, contentType: 'image/jpeg', bytes: row.bytes, width: row.width, height: row.height };
}
