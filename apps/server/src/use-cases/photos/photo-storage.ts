// The object storage of shoppers' photos and where a photo lives in it.
import type { ObjectStorage } from '@retour/integrations/storage/port';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';

export function photoStorage(ctx: Ctx): ObjectStorage {
  if (!ctx.storage) fail('service_unavailable', 'Photo storage is not available on this server. Try again later.');
  return ctx.storage;
}

/** `<merchantId>/photos/<photoId>.jpg`: chosen by Retour, never by the shopper. */
export function photoKey(merchantId: string, photoId: string): string {
  return `${merchantId}/photos/${photoId}.jpg`;
}

/** The photo's address in the merchant API (relative; webhooks make it absolute). */
export function photoPath(returnId: string, photoId: string): string {
  return `/api/v1/returns/${returnId}/photos/${photoId}`;
}
