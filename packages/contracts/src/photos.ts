// Photo evidence of returned items (issue #15 item 3): what a reason asks for, an upload's answer,
// and a return's photos as staff and webhooks see them.
import { z } from 'zod';
import { InstantSchema } from './common.ts';

/** A reason's photo setting: no photo control (off, the default), photos welcome, or at least `min`. */
export const ReasonPhotosSchema = z
  .discriminatedUnion('mode', [
    z.object({ mode: z.literal('off') }).strict(),
    z.object({ mode: z.literal('optional') }).strict(),
    z.object({ mode: z.literal('required'), min: z.number().int().min(1).max(10) }).strict(),
  ])
  .describe('Photos with items returned for this reason: off (default), optional, or required with a minimum (1–10).');

/** What the portal shows and the server enforces for an item with this reason (reason and rules combined at creation). */
export const PhotoRequirementSchema = z.object({ mode: z.enum(['off', 'optional', 'required']), min: z.number().int() });

export const PhotoUploadQuerySchema = z.object({
  orderItemId: z.string().min(1).max(100).describe('The order item the photo shows.'),
});
export const PhotoParamsSchema = z.object({ slug: z.string().min(1).max(63), photoId: z.string().min(1).max(100) });

export const UploadedPhotoSchema = z.object({
  id: z.string().describe('Send it in items[].photoIds when submitting the return (within 48 hours).'),
  orderItemId: z.string(),
  contentType: z.literal('image/jpeg'),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
});
export type UploadedPhoto = z.infer<typeof UploadedPhotoSchema>;

export const ReturnPhotoSchema = z.object({
  id: z.string(),
  orderItemId: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  createdAt: InstantSchema,
  url: z
    .string()
    .describe('GET it with your API key: a path of this API (GET /api/v1/returns/{id}/photos/{photoId}); webhooks send the full address.'),
});
export type ReturnPhoto = z.infer<typeof ReturnPhotoSchema>;

export const ReturnPhotoParamsSchema = z.object({ id: z.string().min(1).max(100), photoId: z.string().min(1).max(100) });
/** The shopper's own photo on the status page: the portal, the return and the photo. */
export const ShopperPhotoParamsSchema = ReturnPhotoParamsSchema.extend({ slug: z.string().min(1).max(63) });
