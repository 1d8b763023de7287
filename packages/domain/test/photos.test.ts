import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkReturnPhotos,
  isUnusedPhotoExpired,
  MAX_PHOTOS_PER_RETURN,
  type PhotoRequirement,
  photoRequirement,
  type ReasonPhotos,
  sniffPhotoType,
  UNUSED_PHOTO_TTL_MS,
} from '../src/photos.ts';

describe('photoRequirement', () => {
  it.each<[string, ReasonPhotos | null, { required: boolean; min: number } | null, PhotoRequirement]>([
    ['nothing set: off', null, null, { mode: 'off', min: 0 }],
    ['reason off, no rule', { mode: 'off' }, null, { mode: 'off', min: 0 }],
    ['reason optional', { mode: 'optional' }, null, { mode: 'optional', min: 0 }],
    ['reason requires 2', { mode: 'required', min: 2 }, null, { mode: 'required', min: 2 }],
    ['rule not required leaves the reason', { mode: 'optional' }, { required: false, min: 0 }, { mode: 'optional', min: 0 }],
    ['rule requires 3 over reason off', { mode: 'off' }, { required: true, min: 3 }, { mode: 'required', min: 3 }],
    ['rule requires 1 over optional', { mode: 'optional' }, { required: true, min: 1 }, { mode: 'required', min: 1 }],
    ['both require: the larger (reason)', { mode: 'required', min: 4 }, { required: true, min: 2 }, { mode: 'required', min: 4 }],
    ['both require: the larger (rule)', { mode: 'required', min: 1 }, { required: true, min: 5 }, { mode: 'required', min: 5 }],
    ['minimum kept within 1..10', { mode: 'required', min: 40 }, null, { mode: 'required', min: 10 }],
  ])('%s', (_name, reason, rule, expected) => {
    expect(photoRequirement(reason, rule)).toEqual(expected);
  });

  const reasons = fc.oneof(
    fc.constant<ReasonPhotos>({ mode: 'off' }),
    fc.constant<ReasonPhotos>({ mode: 'optional' }),
    fc.integer({ min: 1, max: 10 }).map((min): ReasonPhotos => ({ mode: 'required', min })),
  );
  const rules = fc.option(fc.record({ required: fc.boolean(), min: fc.integer({ min: 1, max: 10 }) }), { nil: null });
  it('is never weaker than either source, and no stricter than the stricter one (property)', () => {
    fc.assert(
      fc.property(reasons, rules, (reason, rule) => {
        const r = photoRequirement(reason, rule);
        const reasonMin = reason.mode === 'required' ? reason.min : 0;
        const ruleMin = rule?.required ? rule.min : 0;
        expect(r.min).toBe(Math.max(reasonMin, ruleMin));
        expect(r.mode === 'required').toBe(r.min > 0);
        if (reason.mode === 'optional') expect(r.mode).not.toBe('off');
        if (reason.mode === 'off' && !rule?.required) expect(r.mode).toBe('off');
      }),
    );
  });
});

describe('checkReturnPhotos', () => {
  const off: PhotoRequirement = { mode: 'off', min: 0 };
  const opt: PhotoRequirement = { mode: 'optional', min: 0 };
  const req = (min: number): PhotoRequirement => ({ mode: 'required', min });
  it.each<[string, PhotoRequirement[], number[], ReturnType<typeof checkReturnPhotos>]>([
    ['no photos, none asked', [off, off], [0, 0], null],
    ['optional left empty', [opt], [0], null],
    ['enough photos', [req(2), opt], [2, 3], null],
    ['too few on the second item', [opt, req(2)], [1, 1], { code: 'photos_required', index: 1, min: 2, count: 1 }],
    ['photos where the reason takes none', [off], [1], { code: 'photos_not_accepted', index: 0 }],
    ['eleven in all', [opt, opt], [6, 5], { code: 'too_many_photos', total: 11, max: 10 }],
    ['exactly ten', [opt, req(1)], [9, 1], null],
  ])('%s', (_name, reqs, counts, expected) => {
    expect(checkReturnPhotos(reqs, counts)).toEqual(expected);
  });

  it('accepts exactly when each item has its minimum, each off item none, and at most 10 in all (property)', () => {
    const reqArb = fc.oneof(fc.constant(off), fc.constant(opt), fc.integer({ min: 1, max: 10 }).map(req));
    fc.assert(
      fc.property(fc.array(fc.tuple(reqArb, fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 6 }), (lines) => {
        const problem = checkReturnPhotos(
          lines.map((l) => l[0]),
          lines.map((l) => l[1]),
        );
        const total = lines.reduce((a, l) => a + l[1], 0);
        const fine = total <= MAX_PHOTOS_PER_RETURN && lines.every(([r, n]) => (r.mode === 'off' ? n === 0 : n >= r.min));
        expect(problem === null).toBe(fine);
      }),
    );
  });
});

describe('sniffPhotoType', () => {
  const bytes = (...parts: (number[] | string)[]) =>
    Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
  const box = (major: string, ...compatible: string[]) =>
    bytes([0, 0, 0, 16 + 4 * compatible.length], 'ftyp', major, [0, 0, 0, 0], ...compatible);
  it.each<[string, Uint8Array, string | null]>([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
    ['WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    ['HEIC (major brand heic)', box('heic', 'mif1', 'heic'), 'image/heic'],
    ['HEIF (major mif1, compatible heic)', box('mif1', 'heic'), 'image/heic'],
    ['AVIF is refused', box('avif', 'mif1', 'miaf'), null],
    ['MP4 is refused', box('isom', 'iso2', 'mp41'), null],
    ['GIF is refused', bytes('GIF89a', [1, 0, 1, 0]), null],
    ['a PDF is refused', bytes('%PDF-1.7\n'), null],
    ['empty', new Uint8Array(), null],
    ['RIFF of a WAV', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), null],
  ])('%s', (_name, data, expected) => {
    expect(sniffPhotoType(data)).toBe(expected);
  });

  it('never throws and refuses random bytes that start like none of them (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        const type = sniffPhotoType(data);
        if (data[0] !== 0xff && data[0] !== 0x89 && data[0] !== 0x52 && data.length < 12) expect(type).toBeNull();
      }),
    );
  });
});

describe('isUnusedPhotoExpired', () => {
  it.each([
    [0, false],
    [UNUSED_PHOTO_TTL_MS - 1, false],
    [UNUSED_PHOTO_TTL_MS, true],
    [UNUSED_PHOTO_TTL_MS * 3, true],
  ])('after %i ms: %s', (age, expected) => {
    const made = new Date('2026-12-01T10:00:00Z');
    expect(isUnusedPhotoExpired(made, new Date(made.getTime() + age))).toBe(expected);
  });
});
