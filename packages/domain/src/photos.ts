/**
 * Photo evidence of returned items (issue #15): what each item asks for (its reason's setting and
 * the return rules' `require_photos`, the stricter wins), the limits of an upload, and which file
 * types are accepted, recognised by their first bytes (never by the name or the declared type).
 */

/** At most this many photos on one return (all items together). */
export const MAX_PHOTOS_PER_RETURN = 10;
/** At most this many bytes in one uploaded file (before processing). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The longest side of a stored photo, in pixels (larger photos are scaled down). */
export const PHOTO_MAX_SIDE = 2048;
/** An upload not attached to a return within this long is removed. */
export const UNUSED_PHOTO_TTL_MS = 48 * 3_600_000;
/** The range of a minimum count (reason setting and rule alike). */
export const PHOTO_MIN_RANGE = { min: 1, max: 10 } as const;

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** A reason's setting: no photo control, photos welcome, or at least `min` photos. */
export type ReasonPhotos = { mode: 'off' } | { mode: 'optional' } | { mode: 'required'; min: number };

/** What an item asks of the shopper: `min` is 0 unless required. */
export type PhotoRequirement = { mode: 'off' | 'optional' | 'required'; min: number };

const RANK = { off: 0, optional: 1, required: 2 } as const;

/**
 * The requirement of one item: the stricter of its reason's setting (absent: off) and the
 * return rules' decision (`require_photos`); when both require, the larger minimum.
 */
export function photoRequirement(
  reason: ReasonPhotos | null | undefined,
  rule: { required: boolean; min: number } | null | undefined,
): PhotoRequirement {
  const fromReason: PhotoRequirement =
    !reason || reason.mode === 'off'
      ? { mode: 'off', min: 0 }
      : reason.mode === 'optional'
        ? { mode: 'optional', min: 0 }
        : { mode: 'required', min: clampMin(reason.min) };
  if (!rule?.required) return fromReason;
  const fromRule: PhotoRequirement = { mode: 'required', min: clampMin(rule.min) };
  if (RANK[fromReason.mode] < RANK.required) return fromRule;
  return { mode: 'required', min: Math.max(fromReason.min, fromRule.min) };
}

function clampMin(n: number): number {
  if (!Number.isFinite(n)) return PHOTO_MIN_RANGE.min;
  return Math.min(PHOTO_MIN_RANGE.max, Math.max(PHOTO_MIN_RANGE.min, Math.trunc(n)));
}

export type PhotoProblem =
  | { code: 'too_many_photos'; total: number; max: number }
  | { code: 'photos_required'; index: number; min: number; count: number }
  | { code: 'photos_not_accepted'; index: number };

/**
 * The first problem of a return's photos, or null: more than the return may hold, an item with
 * fewer than it requires, or photos on an item whose reason takes none. Items are in the order
 * of the return's lines; `counts[i]` photos were sent with line i.
 */
export function checkReturnPhotos(requirements: readonly PhotoRequirement[], counts: readonly number[]): PhotoProblem | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total > MAX_PHOTOS_PER_RETURN) return { code: 'too_many_photos', total, max: MAX_PHOTOS_PER_RETURN };
  for (let index = 0; index < requirements.length; index++) {
    const req = requirements[index] as PhotoRequirement;
    const count = counts[index] ?? 0;
    if (req.mode === 'off' && count > 0) return { code: 'photos_not_accepted', index };
    if (req.mode === 'required' && count < req.min) return { code: 'photos_required', index, min: req.min, count };
  }
  return null;
}

/**
 * The type of an image by its first bytes: JPEG (FF D8 FF), PNG (its 8-byte signature), WebP
 * (RIFF….WEBP) or HEIC/HEIF (an ISO-BMFF `ftyp` box with a HEIF brand); null for anything else.
 */
export function sniffPhotoType(data: Uint8Array): PhotoType | null {
  const at = (i: number) => data[i] ?? -1;
  const ascii = (from: number, to: number) => String.fromCharCode(...data.subarray(from, to));
  if (data.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length >= 8 && png.every((b, i) => at(i) === b)) return 'image/png';
  if (data.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (data.length >= 12 && ascii(4, 8) === 'ftyp') {
    const size = ((at(0) << 24) >>> 0) + (at(1) << 16) + (at(2) << 8) + at(3);
    const end = Math.min(data.length, Math.max(16, size));
    const brands = [ascii(8, 12)];
    for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(i, i + 4));
    if (brands.some((b) => b === 'avif' || b === 'avis')) return null;
    if (brands.some((b) => HEIF_BRANDS.has(b))) return 'image/heic';
  }
  return null;
}

/** Brands of HEIF still images (ISO/IEC 23008-12): HEVC-coded and generic HEIF. AVIF is not accepted. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'hevc', 'hevx']);

/** True when an upload made at `createdAt` and still not attached to a return is due for removal at `now`. */
export function isUnusedPhotoExpired(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() >= UNUSED_PHOTO_TTL_MS;
}

/** The instant before which unattached uploads are removed. */
export function unusedPhotoCutoff(now: Date): Date {
  return new Date(now.getTime() - UNUSED_PHOTO_TTL_MS);
}
